package com.personifi.api.recurring;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A user's recurring rules in {@code recurring_rules}. Every statement is scoped to the owner. */
@Repository
class RecurringRules {

    /** As stored; the amount at its currency's minor unit. */
    record Stored(UUID id, UUID accountId, BigDecimal amount, String currency, String description, String counterparty,
                  String category, String cadence, int interval, LocalDate startDate, LocalDate endDate,
                  LocalDate lastBookedOn, Instant createdAt, Instant updatedAt) {

        Schedule schedule() {
            return new Schedule(cadence, interval, startDate, endDate);
        }
    }

    /** A checked definition with the account's currency and the next occurrence worked out. */
    record Values(UUID accountId, BigDecimal amount, String currency, String description, String counterparty,
                  String category, String cadence, int interval, LocalDate startDate, LocalDate endDate,
                  LocalDate nextOccurrence) {
    }

    private static final String COLUMNS = """
            id, account_id, amount, currency, description, counterparty, category, cadence, interval_count,
            start_date, end_date, last_booked_on, created_at, updated_at""";

    private final JdbcClient jdbc;

    RecurringRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Stored> of(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM recurring_rules WHERE user_id = ? AND deleted_at IS NULL"
                        + " ORDER BY created_at, id")
                .param(userId).query(RecurringRules::map).list();
    }

    Optional<Stored> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM recurring_rules WHERE user_id = ? AND id = ? AND deleted_at IS NULL")
                .params(userId, id).query(RecurringRules::map).optional();
    }

    Optional<Stored> lock(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM recurring_rules WHERE user_id = ? AND id = ? AND deleted_at IS NULL FOR UPDATE")
                .params(userId, id).query(RecurringRules::map).optional();
    }

    UUID create(UUID userId, Values v) {
        UUID id = TransactionIds.newId();
        jdbc.sql("""
                        INSERT INTO recurring_rules (id, user_id, account_id, amount, currency, description,
                            counterparty, category, cadence, interval_count, start_date, end_date, next_occurrence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, userId, v.accountId(), v.amount(), v.currency(), v.description(), v.counterparty(),
                        v.category(), v.cadence(), v.interval(), v.startDate(), v.endDate(), v.nextOccurrence())
                .update();
        return id;
    }

    void replace(UUID userId, UUID id, Values v) {
        jdbc.sql("""
                        UPDATE recurring_rules SET account_id = ?, amount = ?, currency = ?, description = ?,
                            counterparty = ?, category = ?, cadence = ?, interval_count = ?, start_date = ?,
                            end_date = ?, next_occurrence = ?, updated_at = now()
                        WHERE user_id = ? AND id = ? AND deleted_at IS NULL""")
                .params(v.accountId(), v.amount(), v.currency(), v.description(), v.counterparty(), v.category(),
                        v.cadence(), v.interval(), v.startDate(), v.endDate(), v.nextOccurrence(), userId, id)
                .update();
    }

    void softDelete(UUID userId, UUID id) {
        jdbc.sql("UPDATE recurring_rules SET deleted_at = now(), updated_at = now() WHERE user_id = ? AND id = ?")
                .params(userId, id).update();
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        return new Stored(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                Money.roundToMinorUnit(rs.getBigDecimal("amount"), Money.currency(currency)), currency,
                rs.getString("description"), rs.getString("counterparty"), rs.getString("category"),
                rs.getString("cadence"), rs.getInt("interval_count"), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), rs.getObject("last_booked_on", LocalDate.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
