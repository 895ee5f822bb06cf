package com.personifi.schemas;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

/** How the platform's own producers write: durably, without duplicates, in large compressed batches. */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    public static Map<String, Object> durable(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // lz4 measured best on these machines; batching matters more than anything for bulk files
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    }
}
