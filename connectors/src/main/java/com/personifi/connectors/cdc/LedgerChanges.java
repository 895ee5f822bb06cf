package com.personifi.connectors.cdc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.personifi.schemas.OutboxAggregates;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.LedgerCorrection;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Changes of the platform's own database, delivered: outbox rows (all routed by the outbox EventRouter to
 * {@code ingest.transactions.raw}) become Avro RawTransactions keyed by account there, or LedgerCorrections keyed by
 * user on {@code ledger.corrections}, by their aggregatetype; a change of a user, a budget, a rule
 * or a correction republishes the current reference document of its key. Keys changed several times in one batch
 * are read and published once.
 * <p>
 * An outbox row is deleted once its event is on Kafka: the table holds only what is still to be told, so it does not
 * grow without end, and a capture started over (a fresh snapshot) tells nothing twice. Deleting is safe at any time
 * after the row's insert committed, since capture reads the insert from the WAL, not from the table; the deletes
 * themselves are changes the outbox router leaves out.
 */
final class LedgerChanges implements CapturedChanges {

    private static final Logger log = LoggerFactory.getLogger(LedgerChanges.class);

    static final String AGGREGATE_TYPE_HEADER = "aggregateType";

    private record CorrectionRef(UUID userId, String key) {
    }

    /** A record on its way, with what to say of it should the broker never take it. */
    private record Sending(String topic, String key, Future<RecordMetadata> delivery) {
    }

    private final AvroSerde<RawTransaction> transactions = AvroSerde.of(RawTransaction.class);
    private final AvroSerde<LedgerCorrection> ledgerCorrections = AvroSerde.of(LedgerCorrection.class);
    private final Producer<String, byte[]> kafka;
    private final ReferenceDocuments documents;
    private final CdcLag lag;
    private final JdbcTemplate database;

    LedgerChanges(Producer<String, byte[]> kafka, ReferenceDocuments documents, CdcLag lag, JdbcTemplate database) {
        this.kafka = kafka;
        this.documents = documents;
        this.lag = lag;
        this.database = database;
    }

    @Override
    public void deliver(List<SourceRecord> batch) throws Exception {
        List<Sending> sent = new ArrayList<>();
        Set<UUID> users = new LinkedHashSet<>();
        Set<UUID> rules = new LinkedHashSet<>();
        Set<UUID> budgets = new LinkedHashSet<>();
        Set<CorrectionRef> corrections = new LinkedHashSet<>();
        List<String> told = new ArrayList<>();
        for (SourceRecord record : batch) {
            if (Topics.RAW_TRANSACTIONS.equals(record.topic())) {
                if (record.value() != null) {
                    sent.add(outboxEvent(record));
                    Header id = record.headers().lastWithName("id");
                    if (id != null && id.value() != null) {
                        told.add(String.valueOf(id.value()));
                    }
                }
                continue;
            }
            if (!(record.value() instanceof Struct change) || change.schema().field("source") == null) {
                continue; // heartbeats: they only carry the position forward
            }
            String table = change.getStruct("source").getString("table");
            for (Struct row : rows(change)) {
                switch (table) {
                    case "users" -> users.add(UUID.fromString(row.getString("id")));
                    case "category_rules" -> rules.add(UUID.fromString(row.getString("user_id")));
                    case "budgets" -> budgets.add(UUID.fromString(row.getString("user_id")));
                    case "category_corrections" -> corrections.add(new CorrectionRef(
                            UUID.fromString(row.getString("user_id")), row.getString("correction_key")));
                    default -> log.warn("Change of uncaptured table {} ignored", table);
                }
            }
        }
        for (UUID user : users) {
            sent.add(publish(Topics.USERS, user.toString(), documents.user(user)));
        }
        for (UUID user : rules) {
            sent.add(publish(Topics.CATEGORY_RULES, user.toString(), Optional.of(documents.rules(user))));
        }
        for (UUID user : budgets) {
            sent.add(publish(Topics.BUDGETS, user.toString(), Optional.of(documents.budgets(user))));
        }
        for (CorrectionRef correction : corrections) {
            sent.add(publish(Topics.CATEGORY_CORRECTIONS, correction.userId() + "|" + correction.key(),
                    documents.correction(correction.userId(), correction.key())));
        }
        for (Sending sending : sent) {
            try {
                sending.delivery().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RecordTooLargeException)) {
                    throw e; // the broker away or busy: the batch is delivered again
                }
                setAside(sending, e.getCause().getMessage());
            }
        }
        batch.forEach(lag::delivered);
        forget(told);
    }

    /**
     * Deletes the outbox rows whose events were just delivered. Should the database refuse, the rows stay behind,
     * already told, and capture goes on: a lost delete leaves a few rows, never loses an event.
     */
    private void forget(List<String> told) {
        if (told.isEmpty()) {
            return;
        }
        try {
            database.update("DELETE FROM outbox WHERE id = ANY(?::uuid[])", (Object) told.toArray(String[]::new));
        } catch (RuntimeException e) {
            log.warn("{} outbox rows already on Kafka could not be deleted: {}", told.size(), e.getMessage());
        }
    }

    /**
     * A record no broker will ever take would hold every later change back if the batch were retried for it: it is
     * named on the dead-letter topic (its key and topic, not its bytes, which are the problem) and capture goes on.
     */
    private void setAside(Sending sending, String reason) throws Exception {
        log.error("A change for {} key {} is too large to publish and was dead-lettered: {}", sending.topic(),
                sending.key(), reason);
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.STREAMS_DEAD_LETTER, sending.key(),
                new byte[0]);
        dead.headers().add(Topics.DEAD_LETTER_REASON_HEADER,
                ("cdc: too large for " + sending.topic() + ": " + reason).getBytes(StandardCharsets.UTF_8));
        kafka.send(dead).get(60, TimeUnit.SECONDS);
    }

    /** The row before and after: an update that moves a row to another user changes both users' lists. */
    private static List<Struct> rows(Struct change) {
        List<Struct> rows = new ArrayList<>(2);
        if (change.schema().field("before") != null && change.getStruct("before") != null) {
            rows.add(change.getStruct("before"));
        }
        if (change.schema().field("after") != null && change.getStruct("after") != null) {
            rows.add(change.getStruct("after"));
        }
        return rows;
    }

    /**
     * An outbox row, by its aggregatetype: a transaction a person typed in, keyed by account, or a person's correction
     * of a booked one, keyed by user. Either way in the order the rows were committed.
     */
    private Sending outboxEvent(SourceRecord record) {
        String aggregateId = String.valueOf(record.key());
        String payload = String.valueOf(record.value());
        Header type = record.headers().lastWithName(AGGREGATE_TYPE_HEADER);
        String aggregate = type == null ? null : String.valueOf(type.value());
        Long committedMillis = CdcLag.commitMillis(record);
        Instant committed = committedMillis == null ? Instant.now() : Instant.ofEpochMilli(committedMillis);
        try {
            if (OutboxAggregates.TRANSACTION.equals(aggregate)) {
                RawTransaction transaction = OutboxTransactions.read(aggregateId, payload, committed);
                String key = Topics.rawTransactionKey(transaction);
                return new Sending(Topics.RAW_TRANSACTIONS, key, kafka.send(
                        new ProducerRecord<>(Topics.RAW_TRANSACTIONS, key,
                                transactions.serialize(Topics.RAW_TRANSACTIONS, transaction))));
            }
            if (OutboxAggregates.LEDGER_CORRECTION.equals(aggregate)) {
                LedgerCorrection correction = OutboxCorrections.read(aggregateId, payload, committed);
                return new Sending(Topics.LEDGER_CORRECTIONS, correction.getUserId(), kafka.send(
                        new ProducerRecord<>(Topics.LEDGER_CORRECTIONS, correction.getUserId(),
                                ledgerCorrections.serialize(Topics.LEDGER_CORRECTIONS, correction))));
            }
            throw new OutboxPayload.UnreadableOutboxEvent("unknown aggregatetype " + aggregate);
        } catch (OutboxPayload.UnreadableOutboxEvent e) {
            Header id = record.headers().lastWithName("id");
            log.error("Outbox event {} cannot be read, dead-lettered: {}", id == null ? "?" : id.value(),
                    e.getMessage());
            ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.STREAMS_DEAD_LETTER, aggregateId,
                    payload.getBytes(StandardCharsets.UTF_8));
            dead.headers().add(Topics.DEAD_LETTER_REASON_HEADER,
                    ("outbox: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
            return new Sending(Topics.STREAMS_DEAD_LETTER, aggregateId, kafka.send(dead));
        }
    }

    private Sending publish(String topic, String key, Optional<String> document) {
        byte[] value = document.map(json -> json.getBytes(StandardCharsets.UTF_8)).orElse(null);
        return new Sending(topic, key, kafka.send(new ProducerRecord<>(topic, key, value)));
    }
}
