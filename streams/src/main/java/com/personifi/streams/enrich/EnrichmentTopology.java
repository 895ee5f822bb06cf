package com.personifi.streams.enrich;

import com.personifi.schemas.Topics;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;
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
 * Raw transactions in, enriched transactions out: categorize with the built-in patterns, convert to the user's
 * base currency with the rate of the transaction's date. Reference data arrives as global stores (FX rates, user
 * settings). Anything that cannot be read or enriched goes to the dead-letter topic with its reason; the topology
 * never stops on bad input.
 */
public final class EnrichmentTopology {

    public static final String FX_RATES_STORE = "fx-rates";
    public static final String USER_SETTINGS_STORE = "user-settings";

    private EnrichmentTopology() {
    }

    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        addGlobalStore(builder, FX_RATES_STORE, Topics.FX_RATES);
        addGlobalStore(builder, USER_SETTINGS_STORE, Topics.USERS);

        KStream<String, byte[]> raw = builder.stream(Topics.RAW_TRANSACTIONS,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-transactions"));
        raw.processValues(EnrichProcessor::new, Named.as("enrich"))
                .split(Named.as("enrich-"))
                .branch((key, outcome) -> outcome instanceof Outcome.Enriched, Branched.withConsumer(enriched -> enriched
                        .mapValues(outcome -> ((Outcome.Enriched) outcome).transaction(), Named.as("enriched-value"))
                        .to(Topics.ENRICHED_TRANSACTIONS, Produced.with(Serdes.String(),
                                AvroSerde.of(EnrichedTransaction.class)).withName("enriched-transactions")),
                        "ok"))
                .defaultBranch(Branched.withConsumer(dead -> dead
                        .mapValues(outcome -> ((Outcome.DeadLetter) outcome).original(), Named.as("dead-letter-value"))
                        .to(Topics.STREAMS_DEAD_LETTER, Produced.with(Serdes.String(), Serdes.ByteArray())
                                .withName("dead-letters")), "dead"));
        return builder.build();
    }

    /**
     * Reference topics are compacted and keyed exactly as the store is, so the topic itself is the store's changelog
     * and the update processor only copies records in.
     */
    private static void addGlobalStore(StreamsBuilder builder, String store, String topic) {
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
                    }
                });
    }

}
