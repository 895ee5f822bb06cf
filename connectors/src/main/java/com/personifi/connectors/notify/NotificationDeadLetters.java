package com.personifi.connectors.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.personifi.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where notifications go that could not be delivered or read. The deliveries table is the record (status FAILED,
 * last_error); {@code notifications.dead-letter} carries a copy, keyed by user, for alerting and replay tools.
 * Alerts that cannot be read go, as received, to {@code streams.dead-letter} like the ledger sink's.
 */
final class NotificationDeadLetters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationDeadLetters.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> template;

    NotificationDeadLetters(DefaultKafkaProducerFactory<String, byte[]> producers) {
        this.producers = producers;
        this.template = new KafkaTemplate<>(producers);
    }

    @Override
    public void close() {
        producers.destroy();
    }

    void deliveryFailed(Delivery delivery, String reason) {
        ObjectNode value = JSON.createObjectNode();
        value.put("deliveryId", delivery.id().toString());
        value.put("notificationId", delivery.notification().id());
        value.put("kind", delivery.notification().kind().name());
        value.put("userId", delivery.notification().userId().toString());
        value.put("channel", delivery.channel().name());
        value.put("endpointId", delivery.endpointId() == null ? null : delivery.endpointId().toString());
        value.put("attempts", delivery.attempts());
        value.put("reason", reason);
        value.put("failedAt", Instant.now().toString());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.NOTIFICATIONS_DEAD_LETTER,
                delivery.notification().userId().toString(), JSON.writeValueAsBytes(value));
        record.headers().add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        template.send(record).whenComplete((result, e) -> {
            if (e != null) {
                log.warn("Could not publish the dead letter of delivery {} (it stays FAILED in the table): {}",
                        delivery.id(), e.getMessage());
            }
        });
    }

    void unreadable(ConsumerRecord<String, byte[]> record, String reason) {
        log.error("Unreadable budget alert at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.STREAMS_DEAD_LETTER, record.key(),
                record.value());
        dead.headers().add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        // waited for: the alert's offset is committed after this, so a dead letter that did not land must fail the
        // batch and have it read again rather than lose the alert
        try {
            template.send(dead).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting an alert aside", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not set an unreadable alert aside: " + e.getMessage(), e);
        }
    }
}
