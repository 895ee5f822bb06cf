package com.personifi.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import com.personifi.testing.TestStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What CDC tests read back: the latest value of a key on a compacted topic, and waiting for it to change. */
final class CdcTopics {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The latest record of a key (an empty value being a tombstone), or none if the key never appeared. */
    static Optional<Optional<JsonNode>> latest(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Optional<Optional<JsonNode>> latest = Optional.empty();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (key.equals(record.key())) {
                        latest = Optional.of(Optional.ofNullable(record.value())
                                .map(v -> JSON.readTree(new String(v, StandardCharsets.UTF_8))));
                    }
                }
            }
            return latest;
        }
    }

    /** Waits until the latest value of the key satisfies the condition (an absent or deleted key is empty). */
    static JsonNode awaitLatest(String topic, String key, Predicate<Optional<JsonNode>> condition) throws Exception {
        Optional<JsonNode>[] seen = new Optional[1];
        await(() -> {
            seen[0] = latest(topic, key).flatMap(v -> v);
            return condition.test(seen[0]);
        }, Duration.ofSeconds(20));
        return seen[0].orElse(null);
    }

    static void await(Callable<Boolean> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("condition met within " + timeout).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private CdcTopics() {
    }
}
