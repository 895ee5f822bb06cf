package com.personifi.connectors.sink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.personifi.schemas.RedisKeys;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only writer of the {@code transactions} table. Takes committed enriched transactions in batches, upserts them
 * in one database transaction, and only then lets the consumer commit its offsets: a crash replays the batch, and
 * the upsert absorbs the replay. Afterwards it bumps each affected user's data version so cached dashboards are
 * never read stale.
 */
@Component
class EnrichedTransactionSink {

    private static final Logger log = LoggerFactory.getLogger(EnrichedTransactionSink.class);

    private final AvroSerde<EnrichedTransaction> serde = AvroSerde.of(EnrichedTransaction.class);
    private final LedgerRows rows;
    private final RedissonClient redis;
    private final KafkaTemplate<String, byte[]> deadLetters;
    private final TransactionTemplate transaction;

    EnrichedTransactionSink(LedgerRows rows, RedissonClient redis, SinkConfiguration.DeadLetters deadLetters,
                            TransactionTemplate transaction) {
        this.rows = rows;
        this.transaction = transaction;
        this.redis = redis;
        this.deadLetters = deadLetters.template();
    }

    @KafkaListener(id = "ledger-sink", groupId = SinkConfiguration.GROUP, topics = Topics.ENRICHED_TRANSACTIONS,
            containerFactory = SinkConfiguration.CONTAINER_FACTORY, batch = "true")
    public void write(List<ConsumerRecord<String, byte[]>> records) {
        // the latest version of each transaction only: a batch can hold a transaction and its update, and one
        // multi-row upsert may not touch the same row twice
        Map<String, EnrichedTransaction> latest = new LinkedHashMap<>();
        Set<String> users = new LinkedHashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EnrichedTransaction transaction = serde.deserialize(record.topic(), record.value());
                latest.remove(transaction.getId());
                latest.put(transaction.getId(), transaction);
                users.add(transaction.getUserId());
            } catch (SerializationException e) {
                deadLetter(record, e.getMessage());
            }
        }
        if (!latest.isEmpty()) {
            List<EnrichedTransaction> batch = new ArrayList<>(latest.values());
            transaction.executeWithoutResult(status -> rows.upsert(batch));
        }
        users.forEach(this::bumpDataVersion);
    }

    /** Redis being down must not stop the ledger; cache entries then simply expire on their own. */
    private void bumpDataVersion(String userId) {
        try {
            redis.getAtomicLong(RedisKeys.dataVersion(UUID.fromString(userId))).incrementAndGet();
        } catch (RuntimeException e) {
            log.warn("Could not bump the data version of user {}: {}", userId, e.getMessage());
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        log.error("Unreadable enriched record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                reason);
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.STREAMS_DEAD_LETTER, record.key(),
                record.value());
        dead.headers().add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        deadLetters.send(dead);
    }
}
