package com.personifi.api.budgets;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A user's budgets in {@code budgets}. The API only writes the table: change data capture republishes the user's
 * whole list to the stream, which counts spending and raises alerts. Every statement is scoped to the owner.
 */
@Repository
class Budgets {

    /** A budget as clients see it; the amount at its currency's minor unit. */
    record Budget(UUID id, String category, BigDecimal amount, String currency, String period, int startDay,
                  List<Integer> thresholds, Instant createdAt, Instant updatedAt) {

        BudgetPeriod schedule() {
            return new BudgetPeriod(period, startDay);
        }
    }

    /** A checked definition, every default filled in. */
    record Values(String category, BigDecimal amount, String currency, String period, int startDay,
                  List<Integer> thresholds) {
    }

    private static final String COLUMNS = """
            id, category, amount, currency, period, start_day, thresholds, created_at, updated_at""";

    private final JdbcClient jdbc;

    Budgets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Budget> of(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM budgets WHERE user_id = ? AND deleted_at IS NULL ORDER BY created_at, id")
                .param(userId).query(Budgets::map).list();
    }

    Optional<Budget> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM budgets WHERE user_id = ? AND id = ? AND deleted_at IS NULL")
                .params(userId, id).query(Budgets::map).optional();
    }

    Optional<Budget> lock(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM budgets WHERE user_id = ? AND id = ? AND deleted_at IS NULL FOR UPDATE")
                .params(userId, id).query(Budgets::map).optional();
    }

    int countLive(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM budgets WHERE user_id = ? AND deleted_at IS NULL").param(userId)
                .query(Integer.class).single();
    }

    UUID create(UUID userId, Values budget) {
        UUID id = TransactionIds.newId();
        jdbc.sql("""
                        INSERT INTO budgets (id, user_id, category, amount, currency, period, start_day, thresholds)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?::int[])""")
                .params(id, userId, budget.category(), budget.amount(), budget.currency(), budget.period(),
                        budget.startDay(), budget.thresholds().toArray(Integer[]::new))
                .update();
        return id;
    }

    void replace(UUID userId, UUID id, Values budget) {
        jdbc.sql("""
                        UPDATE budgets SET category = ?, amount = ?, currency = ?, period = ?, start_day = ?,
                            thresholds = ?::int[], updated_at = now()
                        WHERE user_id = ? AND id = ? AND deleted_at IS NULL""")
                .params(budget.category(), budget.amount(), budget.currency(), budget.period(), budget.startDay(),
                        budget.thresholds().toArray(Integer[]::new), userId, id)
                .update();
    }

    void softDelete(UUID userId, UUID id) {
        jdbc.sql("UPDATE budgets SET deleted_at = now(), updated_at = now() WHERE user_id = ? AND id = ?")
                .params(userId, id).update();
    }

    private static Budget map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        Array thresholds = rs.getArray("thresholds");
        return new Budget(rs.getObject("id", UUID.class), rs.getString("category"),
                Money.roundToMinorUnit(rs.getBigDecimal("amount"), Money.currency(currency)), currency,
                rs.getString("period"), rs.getInt("start_day"),
                thresholds == null ? List.of() : Arrays.asList((Integer[]) thresholds.getArray()),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
