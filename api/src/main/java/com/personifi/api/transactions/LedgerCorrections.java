package com.personifi.api.transactions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.personifi.schemas.ProducerSettings;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.LedgerCorrection;
import com.personifi.schemas.money.Money;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
 * user): a new category, a delete or a restore, a rule applied, a budget made or changed. The ledger in PostgreSQL is
 * already right; what this keeps right is the spending the stream counts for budget alerts, which would otherwise go
 * on counting a deleted duplicate or a purchase moved to another category.
 *
 * <p>Sent once the change is committed, so a change rolled back is never told, and on a thread of its own, in the
 * order the changes committed, so a request never waits for the broker. A batch that cannot be sent (the broker down
 * past a short wait) is logged and dropped: those transactions' shares of budgets stay as they were until their next
 * correction.
 */
@Component
public class LedgerCorrections implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LedgerCorrections.class);

    /**
     * A transaction as the ledger holds it after the change.
     *
     * @param manualCategory the category is the person's own (MANUAL), which later updates from the stream keep
     */
    public record Corrected(UUID transactionId, Instant occurredAt, String category, boolean manualCategory,
                            boolean deleted, String baseCurrency, BigDecimal amountInBase) {

        static Corrected of(LedgerTransactions.Transaction t) {
            return new Corrected(t.id(), t.occurredAt(), t.category(), "MANUAL".equals(t.categorySource()),
                    t.deletedAt() != null, t.baseCurrency(), t.amountInBase());
        }
    }

    private final AvroSerde<LedgerCorrection> serde = AvroSerde.of(LedgerCorrection.class);
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ledger-corrections");
        thread.setDaemon(true);
        return thread;
    });

    LedgerCorrections(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        Map<String, Object> settings = new HashMap<>(ProducerSettings.durable(bootstrapServers));
        // with the broker away, give up on a batch after a short wait rather than hold the sending thread a minute
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /** A person's changes, after the current database transaction commits, or at once outside one. */
    public void afterCommit(UUID userId, List<Corrected> corrected) {
        afterCommit(userId, corrected, null);
    }

    /**
     * Transactions to count anew because the user's budgets changed, after the commit, under {@code budgets}: the
     * user's list as {@code reference.budgets} holds it, which the stream's own copy may not have yet.
     */
    public void recountAfterCommit(UUID userId, List<Corrected> transactions, String budgets) {
        afterCommit(userId, transactions, budgets);
    }

    private void afterCommit(UUID userId, List<Corrected> corrected, String budgets) {
        if (corrected.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.execute(() -> send(userId, corrected, budgets));
                }
            });
        } else {
            sender.execute(() -> send(userId, corrected, budgets));
        }
    }

    private void send(UUID userId, List<Corrected> corrected, String budgets) {
        Instant now = Instant.now();
        AtomicInteger failed = new AtomicInteger();
        int sent = 0;
        try {
            for (Corrected c : corrected) {
                LedgerCorrection correction = LedgerCorrection.newBuilder()
                        .setTransactionId(c.transactionId().toString())
                        .setUserId(userId.toString())
                        .setOccurredAt(c.occurredAt())
                        .setCategory(c.category())
                        .setManualCategory(c.manualCategory())
                        .setDeleted(c.deleted())
                        .setBaseCurrency(c.baseCurrency())
                        .setAmountInBase(c.amountInBase() == null ? null : Money.atStorageScale(c.amountInBase()))
                        .setCorrectedAt(now)
                        .setBudgets(budgets)
                        .build();
                producer.send(new ProducerRecord<>(Topics.LEDGER_CORRECTIONS, userId.toString(),
                        serde.serialize(Topics.LEDGER_CORRECTIONS, correction)), (metadata, e) -> {
                            // logged once for the batch, not once for each of a rule's thousand rows
                            if (e != null && failed.getAndIncrement() == 0) {
                                log.warn("Budgets not told of changes to user {}'s transactions: {}", userId,
                                        e.toString());
                            }
                        });
                sent++;
            }
        } catch (RuntimeException e) {
            log.warn("Budgets not told of {} of {} changes to user {}'s transactions: {}", corrected.size() - sent,
                    corrected.size(), userId, e.toString());
        }
    }

    @Override
    public void destroy() {
        sender.shutdown();
        producer.close();
    }
}
