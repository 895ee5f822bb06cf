package com.personifi.streams.enrich;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import com.personifi.schemas.FxRateKey;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.FxRate;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.streams.categorize.BuiltInCategories;
import com.personifi.streams.categorize.Categorization;
import com.personifi.streams.fx.Conversion;
import com.personifi.streams.fx.FxConverter;
import com.personifi.streams.fx.RateLookup;
import com.personifi.streams.reference.UserSettings;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads, validates, categorizes and converts one raw transaction; failures become dead letters. */
final class EnrichProcessor implements FixedKeyProcessor<String, byte[], Outcome> {

    /** Header on dead letters saying why the record was refused. */
    static final String REASON_HEADER = "personifi.dead-letter.reason";
    private static final Logger log = LoggerFactory.getLogger(EnrichProcessor.class);

    private final AvroSerde<RawTransaction> rawSerde = AvroSerde.of(RawTransaction.class);
    private final AvroSerde<FxRate> rateSerde = AvroSerde.of(FxRate.class);
    private FixedKeyProcessorContext<String, Outcome> context;
    private KeyValueStore<String, byte[]> userSettings;
    private FxConverter converter;

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome> context) {
        this.context = context;
        this.userSettings = context.getStateStore(EnrichmentTopology.USER_SETTINGS_STORE);
        KeyValueStore<String, byte[]> rates = context.getStateStore(EnrichmentTopology.FX_RATES_STORE);
        this.converter = new FxConverter(new StoreRateLookup(rates));
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Outcome outcome;
        try {
            outcome = new Outcome.Enriched(enrich(read(record.value())));
        } catch (RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Dead-lettering record {} of partition {}: {}", context.recordMetadata()
                    .map(m -> m.offset()).orElse(-1L), context.recordMetadata().map(m -> m.partition()).orElse(-1),
                    reason);
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
            context.forward(record.withValue((Outcome) new Outcome.DeadLetter(record.value(), reason))
                    .withHeaders(headers));
            return;
        }
        context.forward(record.withValue(outcome));
    }

    private RawTransaction read(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("Empty record");
        }
        RawTransaction raw = rawSerde.deserialize(null, value);
        Money.currency(raw.getCurrency());
        if (raw.getDescription().isBlank()) {
            throw new IllegalArgumentException("Transaction " + raw.getId() + " has no description");
        }
        return raw;
    }

    private EnrichedTransaction enrich(RawTransaction raw) {
        String baseCurrency = baseCurrencyOf(raw);
        Categorization category = BuiltInCategories.categorize(raw);
        Conversion conversion = converter.convert(raw.getAmount(), raw.getCurrency(), baseCurrency, raw.getLocalDate());
        String parentId = raw.getParentSourceRef() == null ? null : TransactionIds.transactionId(
                java.util.UUID.fromString(raw.getAccountId()), raw.getParentSourceRef()).toString();
        return EnrichedTransaction.newBuilder()
                .setId(raw.getId())
                .setUserId(raw.getUserId())
                .setAccountId(raw.getAccountId())
                .setSourceRef(raw.getSourceRef())
                .setSource(raw.getSource())
                .setOccurredAt(raw.getOccurredAt())
                .setLocalDate(raw.getLocalDate())
                .setAmount(raw.getAmount())
                .setCurrency(raw.getCurrency())
                .setDescription(raw.getDescription())
                .setCounterparty(raw.getCounterparty())
                .setMerchantCode(raw.getMerchantCode())
                .setBalance(raw.getBalance())
                .setParentId(parentId)
                .setImportJobId(raw.getImportJobId())
                .setCategory(category.category())
                .setCategorySource(category.source())
                .setCategoryConfidence(category.confidence())
                .setBaseCurrency(baseCurrency)
                .setAmountInBase(conversion.amountInBase() == null ? null
                        : Money.atStorageScale(conversion.amountInBase()))
                .setFxRate(conversion.rate())
                .setFxRateDate(conversion.rateDate())
                .setFxRateStatus(conversion.status())
                .setEnrichedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
    }

    /** The user's base currency; until the user's settings arrive, the transaction's own currency. */
    private String baseCurrencyOf(RawTransaction raw) {
        byte[] settings = userSettings.get(raw.getUserId());
        if (settings == null) {
            return raw.getCurrency();
        }
        String base = UserSettings.parse(new String(settings, StandardCharsets.UTF_8)).baseCurrency();
        Money.currency(base);
        return base;
    }

    /** Latest rate on or before a date: one reverse range scan over keys BASE|QUOTE|yyyy-MM-dd. */
    private final class StoreRateLookup implements RateLookup {
        private final KeyValueStore<String, byte[]> rates;

        StoreRateLookup(KeyValueStore<String, byte[]> rates) {
            this.rates = rates;
        }

        @Override
        public Optional<PublishedRate> latestOnOrBefore(String base, String quote, LocalDate date) {
            String prefix = FxRateKey.pairPrefix(base, quote);
            try (KeyValueIterator<String, byte[]> found = rates.reverseRange(prefix, FxRateKey.of(base, quote, date))) {
                while (found.hasNext()) {
                    byte[] value = found.next().value;
                    if (value != null) {
                        FxRate rate = rateSerde.deserialize(null, value);
                        return Optional.of(new PublishedRate(rate.getRate(), rate.getDate()));
                    }
                }
            }
            return Optional.empty();
        }
    }
}
