package com.personifi.api.live;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads one topic from its end, once per API instance, and publishes each record to its user's {@link UserFeed}.
 * The consumer group is this instance's alone, so every instance sees every record; nothing is committed, since a
 * restarted instance has no subscribers to catch up and starts from the end again. Only committed records are read:
 * the stream writes exactly once, and an aborted write is no event.
 */
final class TopicTail<V> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final UserFeed<V> feed;
    private final Map<String, Object> consumerSettings;
    private final Deserializer<V> values;
    private final Function<V, String> owner;
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    /**
     * @param group a consumer group id no other instance uses
     * @param owner the user id a record's value belongs to
     */
    TopicTail(UserFeed<V> feed, String bootstrapServers, String group, Deserializer<V> values,
              Function<V, String> owner) {
        this.feed = feed;
        this.values = values;
        this.owner = owner;
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, group);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumerSettings = Map.copyOf(settings);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::follow, "live-" + feed.topic());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerSettings,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                kafka.subscribe(List.of(feed.topic()), new FromTheEnd(kafka));
                while (running) {
                    var records = kafka.poll(POLL);
                    if (!feed.hasSubscribers()) {
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        hand(record);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                log.warn("Reading {} for subscriptions failed, starting again in {} s: {}", feed.topic(),
                        RETRY.toSeconds(), e.toString());
                pause();
            } finally {
                consumer = null;
                feed.live(false);
            }
        }
    }

    private void hand(ConsumerRecord<byte[], byte[]> record) {
        V value;
        UUID userId;
        try {
            value = values.deserialize(record.topic(), record.value());
            if (value == null) {
                return;
            }
            userId = UUID.fromString(owner.apply(value));
        } catch (SerializationException | IllegalArgumentException e) {
            // the stream's dead-letter handling owns bad records; subscribers simply do not see them
            log.debug("Skipped an unreadable record of {} at {}-{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        feed.publish(userId, value);
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Fixes the position at the end as soon as partitions are assigned, so that "live" means an event published from
     * now on is delivered, not only after the first fetch has looked the end up.
     */
    private final class FromTheEnd implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> kafka;

        FromTheEnd(KafkaConsumer<byte[], byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(kafka::position);
            feed.live(!kafka.assignment().isEmpty());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // nothing committed, nothing to hand over
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            feed.live(false);
        }
    }
}
