package com.personifi.api.transactions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.personifi.schemas.ProducerSettings;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.LedgerCorrection;
import com.personifi.schemas.money.Money;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the stream's budgets about a person's changes to booked transactions ({@code ledger.corrections}, keyed by
 * user): a new category, a delete or a restore, a rule applied. The ledger in PostgreSQL is already right; what this
 * keeps right is the spending the stream counts for budget alerts, which would otherwise go on counting a deleted
 * duplicate or a purchase moved to another category.
 *
 * <p>Sent once the change is committed, so a change rolled back is never told; not waited for. A send that fails is
 * logged, and that transaction's share of a budget stays as it was until its next correction.
 */
@Component
public class LedgerCorrections implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LedgerCorrections.class);

    /** A transaction as the ledger holds it after the change. */
    public record Corrected(UUID transactionId, Instant occurredAt, String category, boolean deleted,
                            String baseCurrency, BigDecimal amountInBase) {

        static Corrected of(LedgerTransactions.Transaction t) {
            return new Corrected(t.id(), t.occurredAt(), t.category(), t.deletedAt() != null, t.baseCurrency(),
                    t.amountInBase());
        }
    }

    private final AvroSerde<LedgerCorrection> serde = AvroSerde.of(LedgerCorrection.class);
    private final KafkaProducer<String, byte[]> producer;

    LedgerCorrections(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.producer = new KafkaProducer<>(ProducerSettings.durable(bootstrapServers), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** A person's changes, after the current database transaction commits, or at once outside one. */
    public void afterCommit(UUID userId, List<Corrected> corrected) {
        afterCommit(userId, corrected, true, null);
    }

    /**
     * Transactions to count anew because the user's budgets changed, after the commit: not pinned (later updates
     * from the stream are not held to them), and counted under {@code budgets}, the user's list as
     * {@code reference.budgets} holds it, which the stream's own copy may not have yet.
     */
    public void recountAfterCommit(UUID userId, List<Corrected> transactions, String budgets) {
        afterCommit(userId, transactions, false, budgets);
    }

    private void afterCommit(UUID userId, List<Corrected> corrected, boolean pinned, String budgets) {
        if (corrected.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send(userId, corrected, pinned, budgets);
                }
            });
        } else {
            send(userId, corrected, pinned, budgets);
        }
    }

    private void send(UUID userId, List<Corrected> corrected, boolean pinned, String budgets) {
        Instant now = Instant.now();
        for (Corrected c : corrected) {
            LedgerCorrection correction = LedgerCorrection.newBuilder()
                    .setTransactionId(c.transactionId().toString())
                    .setUserId(userId.toString())
                    .setOccurredAt(c.occurredAt())
                    .setCategory(c.category())
                    .setDeleted(c.deleted())
                    .setBaseCurrency(c.baseCurrency())
                    .setAmountInBase(c.amountInBase() == null ? null : Money.atStorageScale(c.amountInBase()))
                    .setCorrectedAt(now)
                    .setPinned(pinned)
                    .setBudgets(budgets)
                    .build();
            try {
                producer.send(new ProducerRecord<>(Topics.LEDGER_CORRECTIONS, userId.toString(),
                        serde.serialize(Topics.LEDGER_CORRECTIONS, correction)), (metadata, e) -> {
                            if (e != null) {
                                log.warn("Budgets not told of the change to transaction {}: {}", c.transactionId(),
                                        e.toString());
                            }
                        });
            } catch (RuntimeException e) {
                log.warn("Budgets not told of the change to transaction {}: {}", c.transactionId(), e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        producer.close();
    }
}
