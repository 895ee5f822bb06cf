package com.personifi.connectors.sink;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.personifi.schemas.RedisKeys;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
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
        // merge may not touch the same row twice
        Map<String, Versioned> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EnrichedTransaction transaction = serde.deserialize(record.topic(), record.value());
                latest.remove(transaction.getId());
                latest.put(transaction.getId(), new Versioned(transaction, record));
            } catch (SerializationException e) {
                deadLetter(record, e.getMessage());
            }
        }
        if (latest.isEmpty()) {
            return;
        }
        Set<String> users = new LinkedHashSet<>();
        try {
            List<EnrichedTransaction> batch = latest.values().stream().map(Versioned::transaction).toList();
            transaction.executeWithoutResult(status -> rows.upsert(batch));
            batch.forEach(t -> users.add(t.getUserId()));
        } catch (DataIntegrityViolationException e) {
            // a row the ledger refuses (a value its columns cannot hold) must not hold back the others: write them
            // one by one and set the refused ones aside with the database's reason. Anything else, such as the
            // database being down, is thrown and the whole batch retried, so nothing is set aside for that.
            log.warn("A batch of {} transactions was refused ({}); writing them one by one", latest.size(),
                    sqlState(e));
            for (Versioned version : latest.values()) {
                try {
                    transaction.executeWithoutResult(status -> rows.upsert(List.of(version.transaction())));
                    users.add(version.transaction().getUserId());
                } catch (DataIntegrityViolationException refused) {
                    log.error("Transaction {} refused by the ledger ({})", version.transaction().getId(),
                            sqlState(refused));
                    deadLetter(version.record(), "ledger refused the row: " + rootMessage(refused));
                }
            }
        }
        bumpDataVersions(users);
    }

    /** A decoded transaction with the record it came in, to dead-letter the original bytes if the ledger refuses it. */
    private record Versioned(EnrichedTransaction transaction, ConsumerRecord<String, byte[]> record) {
    }

    private static String sqlState(DataAccessException e) {
        return e.getMostSpecificCause() instanceof SQLException sql ? "SQLState " + sql.getSQLState()
                : e.getMostSpecificCause().getClass().getSimpleName();
    }

    private static String rootMessage(DataAccessException e) {
        String message = e.getMostSpecificCause().getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /**
     * One pipelined round trip for the whole batch, which can touch a thousand users: the versions, then one message
     * naming them all, which API instances read to stop believing the versions they hold (sent after the bumps, on the
     * same connection, so a reader that hears it finds the new versions). Redis being down must not stop the ledger;
     * cache entries then simply expire on their own.
     */
    private void bumpDataVersions(Set<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        try {
            RBatch batch = redis.createBatch(BatchOptions.defaults());
            userIds.forEach(userId -> batch.getAtomicLong(RedisKeys.dataVersion(UUID.fromString(userId)))
                    .incrementAndGetAsync());
            batch.getTopic(RedisKeys.DATA_VERSION_CHANGES, StringCodec.INSTANCE).publishAsync(String.join(",", userIds));
            batch.execute();
        } catch (RuntimeException e) {
            log.warn("Could not bump the data version of {} users: {}", userIds.size(), e.getMessage());
        }
    }

    /** Waits for the broker: a dead letter that did not land must not let the record's offset be committed. */
    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        log.error("Enriched record at {}-{}@{} set aside: {}", record.topic(), record.partition(), record.offset(),
                reason);
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.STREAMS_DEAD_LETTER, record.key(),
                record.value());
        dead.headers().add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(dead).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting a record aside", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not set record " + record.offset() + " aside: " + e.getMessage(), e);
        }
    }
}
