package com.personifi.streams.enrich;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.personifi.schemas.FxRateKey;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.FxRate;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Conversion;
import com.personifi.schemas.money.FxConverter;
import com.personifi.schemas.money.Money;
import com.personifi.schemas.money.RateLookup;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.streams.categorize.Categorizer;
import com.personifi.streams.reference.CategoryRule;
import com.personifi.streams.reference.LearnedCategory;
import com.personifi.streams.reference.ReferenceCache;
import com.personifi.streams.reference.ReferenceJson;
import com.personifi.streams.reference.ReferenceVersion;
import com.personifi.streams.reference.UserSettings;
import com.personifi.streams.state.StoreSweep;
import com.personifi.streams.state.SweepSchedule;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One raw record: read and validate it, merge it with what is known of the same transaction, and if it adds
 * anything, categorize it and convert it to the user's base currency. Bad records become dead letters.
 */
final class EnrichProcessor implements FixedKeyProcessor<String, byte[], Outcome> {

    private static final Logger log = LoggerFactory.getLogger(EnrichProcessor.class);
    private static final int CACHE_SIZE = 10_000;

    private final Duration dedupeRetention;
    private final AvroSerde<RawTransaction> rawSerde = AvroSerde.of(RawTransaction.class);
    private final AvroSerde<FxRate> rateSerde = AvroSerde.of(FxRate.class);
    private final AvroSerde<EnrichedTransaction> enrichedSerde = AvroSerde.of(EnrichedTransaction.class);
    private final ReferenceCache<UserSettings> settingsCache;
    private final ReferenceCache<List<CategoryRule>> rulesCache;
    private final ReferenceCache<LearnedCategory> learnedCache;
    private FixedKeyProcessorContext<String, Outcome> context;
    private KeyValueStore<String, byte[]> transactions;
    private final StoreSweep<byte[]> transactionsSweep = new StoreSweep<>(SweepSchedule.SLICE);
    private KeyValueStore<String, byte[]> userSettings;
    private FxConverter converter;
    private Categorizer categorizer;

    EnrichProcessor(Duration dedupeRetention, Map<String, ReferenceVersion> versions) {
        this.dedupeRetention = dedupeRetention;
        this.settingsCache = new ReferenceCache<>(UserSettings::parse,
                versions.get(EnrichmentTopology.USER_SETTINGS_STORE), CACHE_SIZE);
        this.rulesCache = new ReferenceCache<>(ReferenceJson::rules,
                versions.get(EnrichmentTopology.CATEGORY_RULES_STORE), CACHE_SIZE);
        this.learnedCache = new ReferenceCache<>(ReferenceJson::learned,
                versions.get(EnrichmentTopology.CORRECTIONS_STORE), CACHE_SIZE);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome> context) {
        this.context = context;
        this.transactions = context.getStateStore(EnrichmentTopology.TRANSACTIONS_STORE);
        this.userSettings = context.getStateStore(EnrichmentTopology.USER_SETTINGS_STORE);
        KeyValueStore<String, byte[]> rates = context.getStateStore(EnrichmentTopology.FX_RATES_STORE);
        KeyValueStore<String, byte[]> rules = context.getStateStore(EnrichmentTopology.CATEGORY_RULES_STORE);
        KeyValueStore<String, byte[]> corrections = context.getStateStore(EnrichmentTopology.CORRECTIONS_STORE);
        this.converter = new FxConverter(new StoreRateLookup(rates));
        this.categorizer = new Categorizer(
                user -> Optional.ofNullable(rulesCache.get(user, rules::get)).orElse(List.of()),
                key -> Optional.ofNullable(learnedCache.get(key, corrections::get)));
        context.schedule(SweepSchedule.EVERY, PunctuationType.WALL_CLOCK_TIME, this::forgetOldTransactions);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Outcome.Enriched outcome;
        try {
            RawTransaction raw = read(record.value());
            if (!raw.getUserId().equals(record.key())) {
                // dedupe, transfers and budgets rely on all of a user's records arriving on one partition: one keyed
                // otherwise (by its account, as producers before did) goes round again keyed by its user
                context.forward(record.withValue((Outcome) new Outcome.Rerouted(raw.getUserId(), record.value())));
                return;
            }
            byte[] stored = transactions.get(raw.getId());
            RawTransaction known = stored == null ? null : rawSerde.deserialize(null, stored);
            RawTransaction emit = known == null ? raw : TransactionMerge.merge(known, raw);
            if (emit == null) {
                rememberSeen(known, raw);
                return;
            }
            EnrichedTransaction enriched = enrich(emit);
            outcome = new Outcome.Enriched(enriched, enrichedSerde.serialize(null, enriched));
            // remembered only once it went through: a dead-lettered transaction sent again is not a duplicate
            remember(known, emit, raw, record.value());
        } catch (RuntimeException e) {
            deadLetter(record, e);
            return;
        }
        context.forward(record.withValue((Outcome) outcome));
    }

    private void deadLetter(FixedKeyRecord<String, byte[]> record, RuntimeException e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.warn("Dead-lettering record at offset {} of partition {}: {}",
                context.recordMetadata().map(m -> m.offset()).orElse(-1L),
                context.recordMetadata().map(m -> m.partition()).orElse(-1), reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        context.forward(record.withValue((Outcome) new Outcome.DeadLetter(record.value(), reason)).withHeaders(headers));
    }

    private RawTransaction read(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("Empty record");
        }
        RawTransaction raw = rawSerde.deserialize(null, value);
        Money.currency(raw.getCurrency());
        UUID account = UUID.fromString(raw.getAccountId());
        UUID.fromString(raw.getUserId());
        if (!TransactionIds.transactionId(account, raw.getSourceRef()).toString().equals(raw.getId())) {
            throw new IllegalArgumentException("Transaction id " + raw.getId() + " is not derived from its account and "
                    + "sourceRef");
        }
        if (raw.getDescription().isBlank()) {
            throw new IllegalArgumentException("Transaction " + raw.getId() + " has no description");
        }
        return raw;
    }

    /**
     * Dedupe and merge by id (= account and sourceRef): the first sighting is kept as it arrived, a later one only
     * fills gaps. The latest sighting's time keeps an entry from being forgotten.
     */
    private void remember(RawTransaction known, RawTransaction emitted, RawTransaction incoming, byte[] asReceived) {
        if (known == null) {
            transactions.put(incoming.getId(), asReceived);
        } else {
            emitted.setReceivedAt(later(known, incoming));
            transactions.put(incoming.getId(), rawSerde.serialize(null, emitted));
        }
    }

    /** A sighting that added nothing still counts as seen. */
    private void rememberSeen(RawTransaction known, RawTransaction incoming) {
        if (incoming.getReceivedAt().isAfter(known.getReceivedAt())) {
            known.setReceivedAt(incoming.getReceivedAt());
            transactions.put(known.getId(), rawSerde.serialize(null, known));
        }
    }

    private static Instant later(RawTransaction known, RawTransaction incoming) {
        return incoming.getReceivedAt().isAfter(known.getReceivedAt()) ? incoming.getReceivedAt()
                : known.getReceivedAt();
    }

    /** Transactions not seen for longer than the retention are forgotten; a much later replay counts as new. */
    private void forgetOldTransactions(long now) {
        Instant cutoff = Instant.ofEpochMilli(now).minus(dedupeRetention);
        transactionsSweep.pass(transactions, (key, value) -> {
            try {
                return rawSerde.deserialize(null, value).getReceivedAt().isBefore(cutoff);
            } catch (RuntimeException e) {
                return true;
            }
        });
    }

    private EnrichedTransaction enrich(RawTransaction raw) {
        String baseCurrency = baseCurrencyOf(raw);
        Categorizer.Decision decision = categorizer.categorize(raw);
        Conversion conversion = converter.convert(raw.getAmount(), raw.getCurrency(), baseCurrency, raw.getLocalDate());
        String parentId = raw.getParentSourceRef() == null ? null : TransactionIds.transactionId(
                UUID.fromString(raw.getAccountId()), raw.getParentSourceRef()).toString();
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
                .setCounterparty(decision.counterparty())
                .setMerchantCode(raw.getMerchantCode())
                .setBalance(raw.getBalance())
                .setParentId(parentId)
                .setImportJobId(raw.getImportJobId())
                .setCategory(decision.categorization().category())
                .setCategorySource(decision.categorization().source())
                .setCategoryConfidence(decision.categorization().confidence())
                .setTags(decision.tags())
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
        UserSettings settings = settingsCache.get(raw.getUserId(), userSettings::get);
        if (settings == null) {
            return raw.getCurrency();
        }
        Money.currency(settings.baseCurrency());
        return settings.baseCurrency();
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
