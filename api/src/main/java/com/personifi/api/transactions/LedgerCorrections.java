package com.personifi.api.transactions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.personifi.schemas.OutboxAggregates;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells the stream's budgets about a person's changes to booked transactions ({@code ledger.corrections}, keyed by
 * user): a new category, a delete or a restore, a rule applied, a budget made or changed. The ledger in PostgreSQL is
 * already right; what this keeps right is the spending the stream counts for budget alerts, which would otherwise go
 * on counting a deleted duplicate or a purchase moved to another category.
 *
 * <p>Written as outbox rows in the change's own database transaction, which CDC carries to the topic (as it carries
 * transactions a person types in): a change rolled back is never told, a change committed is told even if the broker
 * is away at that moment, and changes reach the stream in the order they were committed. A request never waits for
 * the broker.
 */
@Component
public class LedgerCorrections {

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

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INSERT = """
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload)
            VALUES (?, '%s', ?, 'LedgerCorrection', ?::jsonb)""".formatted(OutboxAggregates.LEDGER_CORRECTION);

    private final JdbcTemplate jdbc;

    LedgerCorrections(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A person's changes, told if and when the current database transaction commits. */
    public void record(UUID userId, List<Corrected> corrected) {
        write(userId, corrected, null);
    }

    /**
     * Transactions to count anew because the user's budgets changed, under {@code budgets}: the user's list as
     * {@code reference.budgets} holds it, which the stream's own copy may not have yet.
     */
    public void recount(UUID userId, List<Corrected> transactions, String budgets) {
        write(userId, transactions, budgets);
    }

    private void write(UUID userId, List<Corrected> corrected, String budgets) {
        if (corrected.isEmpty()) {
            return;
        }
        String now = Instant.now().toString();
        List<Object[]> rows = new ArrayList<>(corrected.size());
        for (Corrected c : corrected) {
            ObjectNode payload = JSON.createObjectNode()
                    .put("transactionId", c.transactionId().toString())
                    .put("userId", userId.toString())
                    .put("occurredAt", c.occurredAt().toString())
                    .put("category", c.category())
                    .put("manualCategory", c.manualCategory())
                    .put("deleted", c.deleted())
                    .put("baseCurrency", c.baseCurrency())
                    // a decimal string: exact, whatever reads it
                    .put("amountInBase", c.amountInBase() == null ? null
                            : Money.atStorageScale(c.amountInBase()).toPlainString())
                    .put("correctedAt", now)
                    .put("budgets", budgets);
            rows.add(new Object[] {TransactionIds.newId(), userId.toString(), JSON.writeValueAsString(payload)});
        }
        jdbc.batchUpdate(INSERT, rows);
    }
}
