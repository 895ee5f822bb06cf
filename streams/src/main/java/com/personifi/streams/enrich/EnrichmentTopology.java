package com.personifi.streams.enrich;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.personifi.schemas.Topics;
import com.personifi.schemas.events.BudgetAlert;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.LedgerCorrection;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.streams.budget.BudgetProcessor;
import com.personifi.streams.reference.ReferenceVersion;
import com.personifi.streams.transfer.OwnTransferMatcher;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Raw transactions in (keyed by user); enriched transactions (keyed by account) and budget alerts out, in one stage:
 * <ol>
 * <li>read and validate, dedupe and merge by (account, sourceRef), categorize (the user's rules, learned
 * corrections, built-in patterns), convert to the user's base currency at the rate of the transaction's date;</li>
 * <li>transfers between the user's own accounts matched by amount and time, then the enriched transactions written
 * out, spending per budget and period, alerts at thresholds, once each. A person's corrections
 * ({@code ledger.corrections}, keyed by user too) join the budgets here.</li>
 * </ol>
 * Every step needs all of a user's records on one partition, so a raw record keyed otherwise is written back to its
 * topic keyed by its user and enriched when it comes round: correct whatever its producer did, and one stage, with
 * no repartition topic, for every producer that keys by user.
 * Reference data arrives as global stores. Anything that cannot be read or enriched goes to the dead-letter topic
 * with its reason; the topology never stops on bad input.
 */
public final class EnrichmentTopology {

    public static final String FX_RATES_STORE = "fx-rates";
    public static final String USER_SETTINGS_STORE = "user-settings";
    public static final String CATEGORY_RULES_STORE = "category-rules";
    public static final String CORRECTIONS_STORE = "category-corrections";
    public static final String BUDGETS_STORE = "budgets";
    public static final String TRANSACTIONS_STORE = "transactions-by-id";

    /**
     * @param dedupeRetention how long a transaction is remembered for dedupe and merge after it was last seen; budget
     *                        state and transfer pairs untouched for as long are forgotten too
     * @param transferWindow  how far apart in booking time the two legs of a transfer between own accounts may be
     */
    public record Options(Duration dedupeRetention, Duration transferWindow) {

        public static Options defaults() {
            return new Options(Duration.ofDays(400), Duration.ofDays(3));
        }

        public Options withDedupeRetention(Duration retention) {
            return new Options(retention, transferWindow);
        }
    }

    private EnrichmentTopology() {
    }



    public static Topology build(Options options) {
        StreamsBuilder builder = new StreamsBuilder();
        // one per reference store and per topology instance (so per KafkaStreams), told of every write to its store
        Map<String, ReferenceVersion> versions = new HashMap<>();
        addGlobalStore(builder, FX_RATES_STORE, Topics.FX_RATES, versions);
        addGlobalStore(builder, USER_SETTINGS_STORE, Topics.USERS, versions);
        addGlobalStore(builder, CATEGORY_RULES_STORE, Topics.CATEGORY_RULES, versions);
        addGlobalStore(builder, CORRECTIONS_STORE, Topics.CATEGORY_CORRECTIONS, versions);
        addGlobalStore(builder, BUDGETS_STORE, Topics.BUDGETS, versions);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRANSACTIONS_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(OwnTransferMatcher.CANDIDATES_STORE), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(OwnTransferMatcher.PAIRS_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BudgetProcessor.SPENT_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BudgetProcessor.CONTRIBUTIONS_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BudgetProcessor.FIRED_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BudgetProcessor.CORRECTIONS_STORE), Serdes.String(), Serdes.String()));

        KStream<String, byte[]> raw = builder.stream(Topics.RAW_TRANSACTIONS,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-transactions"));
        var outcomes = raw.processValues(() -> new EnrichProcessor(options.dedupeRetention(), versions),
                Named.as("enrich"), TRANSACTIONS_STORE).split(Named.as("enrich-"));
        outcomes.branch((key, outcome) -> outcome instanceof Outcome.Enriched, Branched.withConsumer(ok -> {
            // serialized once, by the enrich step; the bytes travel on unless a later step changes the transaction
            KStream<String, OwnTransferMatcher.Leg> byUser = ok
                    .mapValues(outcome -> new OwnTransferMatcher.Leg(((Outcome.Enriched) outcome).transaction(),
                            ((Outcome.Enriched) outcome).bytes()), Named.as("leg"))
                    .process(() -> new OwnTransferMatcher(options.transferWindow(), options.dedupeRetention()),
                            Named.as("own-transfers"), OwnTransferMatcher.CANDIDATES_STORE,
                            OwnTransferMatcher.PAIRS_STORE);
            AvroSerde<EnrichedTransaction> serde = AvroSerde.of(EnrichedTransaction.class);
            byUser.map((user, leg) -> KeyValue.pair(leg.transaction().getAccountId(),
                            leg.bytes() != null ? leg.bytes() : serde.serialize(null, leg.transaction())),
                            Named.as("by-account"))
                    .to(Topics.ENRICHED_TRANSACTIONS, Produced.with(Serdes.String(), Serdes.ByteArray())
                            .withName("enriched-transactions"));
            // a person's corrections, keyed by user as raw transactions are: same partition, same budget state
            AvroSerde<LedgerCorrection> corrections = AvroSerde.of(LedgerCorrection.class);
            KStream<String, BudgetProcessor.Movement> corrected = builder.stream(Topics.LEDGER_CORRECTIONS,
                            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("ledger-corrections"))
                    .mapValues(bytes -> BudgetProcessor.Movement.corrected(corrections.deserialize(null, bytes)),
                            Named.as("corrected-movement"));
            byUser.mapValues(leg -> BudgetProcessor.Movement.booked(leg.transaction()), Named.as("booked-movement"))
                    .merge(corrected, Named.as("budget-movements"))
                    .process(() -> new BudgetProcessor(BUDGETS_STORE, USER_SETTINGS_STORE, options.dedupeRetention(),
                                    versions),
                            Named.as("budgets"), BudgetProcessor.SPENT_STORE, BudgetProcessor.CONTRIBUTIONS_STORE,
                            BudgetProcessor.FIRED_STORE, BudgetProcessor.CORRECTIONS_STORE)
                    .to(Topics.BUDGET_ALERTS, Produced.with(Serdes.String(), AvroSerde.of(BudgetAlert.class))
                            .withName("budget-alerts"));
        }, "ok"));
        // put back on the topic keyed by its user, in the same transaction as it was read; it is enriched when it
        // comes round on its user's partition
        outcomes.branch((key, outcome) -> outcome instanceof Outcome.Rerouted, Branched.withConsumer(misrouted ->
                misrouted.map((key, outcome) -> KeyValue.pair(((Outcome.Rerouted) outcome).userId(),
                                ((Outcome.Rerouted) outcome).original()), Named.as("by-user"))
                        .to(Topics.RAW_TRANSACTIONS, Produced.with(Serdes.String(), Serdes.ByteArray())
                                .withName("raw-transactions-by-user")), "rerouted"));
        outcomes.defaultBranch(Branched.withConsumer(dead -> dead
                .mapValues(outcome -> ((Outcome.DeadLetter) outcome).original(), Named.as("dead-letter-value"))
                .to(Topics.STREAMS_DEAD_LETTER, Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("dead-letters")), "dead"));
        return builder.build();
    }

    /**
     * Reference topics are compacted and keyed exactly as the store is, so the topic itself is the store's changelog
     * and the update processor only copies records in, then tells the store's version that it changed.
     */
    private static void addGlobalStore(StreamsBuilder builder, String store, String topic,
                                       Map<String, ReferenceVersion> versions) {
        ReferenceVersion version = new ReferenceVersion();
        versions.put(store, version);
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                topic,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(store + "-source"),
                () -> new Processor<String, byte[], Void, Void>() {
                    private KeyValueStore<String, byte[]> kv;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        kv = context.getStateStore(store);
                    }

                    @Override
                    public void process(Record<String, byte[]> record) {
                        if (record.key() == null) {
                            return;
                        }
                        if (record.value() == null) {
                            kv.delete(record.key());
                        } else {
                            kv.put(record.key(), record.value());
                        }
                        version.changed();
                    }
                });
    }
}
