package com.personifi.api.transactions;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.money.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the ledger (written by the sink) and makes the few changes that belong to people: their notes, tags and
 * category choice, and deleting or restoring a transaction. Every statement is scoped to the owner's id.
 */
@Repository
class LedgerTransactions {

    /** A ledger row as clients see it; amounts are decimal strings, exact, never floats. */
    record Transaction(UUID id, UUID accountId, String source, String sourceRef, Instant occurredAt,
                       LocalDate localDate, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                       String currency, String description, String counterparty, String merchantCode,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance, UUID parentId,
                       String category, String categorySource, int categoryConfidence, List<String> tags,
                       String notes, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountInBase,
                       String baseCurrency, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fxRate,
                       LocalDate fxRateDate, String fxRateStatus, Instant deletedAt) {
    }

    record Page(List<Transaction> items, LedgerQuery.Position last) {
    }

    private static final String COLUMNS = """
            id, account_id, source, source_ref, occurred_at, local_date, amount, currency, description, counterparty,
            merchant_code, balance, parent_id, category, category_source, category_confidence, tags, notes,
            amount_in_base, base_currency, fx_rate, fx_rate_date, fx_rate_status, deleted_at""";

    private static final RowMapper<Transaction> ROW = LedgerTransactions::map;

    /** Rows fetched per round trip when a whole ledger is read: memory stays flat however long the history. */
    private static final int EXPORT_FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    LedgerTransactions(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    Page list(UUID userId, LedgerQuery query) {
        LedgerQuery.Sql where = query.where();
        List<Object> params = new ArrayList<>();
        params.add(userId);
        params.addAll(where.params());
        params.add(query.limit() + 1);
        List<Transaction> rows = jdbc.sql("SELECT " + COLUMNS + " FROM transactions WHERE user_id = ?" + where.where()
                        + " ORDER BY occurred_at DESC, id DESC LIMIT ?")
                .params(params).query(ROW).list();
        if (rows.size() <= query.limit()) {
            return new Page(rows, null);
        }
        List<Transaction> page = rows.subList(0, query.limit());
        Transaction last = page.get(page.size() - 1);
        return new Page(page, new LedgerQuery.Position(last.occurredAt(), last.id()));
    }

    /**
     * Every transaction the filters select, oldest first, handed over one at a time as it is read. Inside a
     * transaction because only then does PostgreSQL's driver fetch with a cursor instead of loading every row.
     */
    void each(UUID userId, LedgerQuery query, Consumer<Transaction> each) {
        LedgerQuery.Sql where = query.where();
        List<Object> params = new ArrayList<>();
        params.add(userId);
        params.addAll(where.params());
        readOnly.executeWithoutResult(status -> jdbc.sql("SELECT " + COLUMNS + " FROM transactions WHERE user_id = ?"
                        + where.where() + " ORDER BY occurred_at, id")
                .params(params)
                .withFetchSize(EXPORT_FETCH_SIZE)
                .query(rs -> {
                    each.accept(map(rs, rs.getRow()));
                }));
    }

    /** Deleted ones too: they can be looked at and restored. */
    Optional<Transaction> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM transactions WHERE user_id = ? AND id = ?")
                .params(userId, id).query(ROW).optional();
    }

    /** A person's category is final: marked MANUAL, which the sink never overwrites. */
    void setCategory(UUID userId, UUID id, String category) {
        jdbc.sql("""
                        UPDATE transactions SET category = ?, category_source = 'MANUAL', category_confidence = 100,
                            updated_at = now()
                        WHERE user_id = ? AND id = ?""")
                .params(category, userId, id).update();
    }

    void setTags(UUID userId, UUID id, List<String> tags) {
        jdbc.sql("UPDATE transactions SET tags = ?::text[], updated_at = now() WHERE user_id = ? AND id = ?")
                .params(tags.toArray(String[]::new), userId, id).update();
    }

    void setNotes(UUID userId, UUID id, String notes) {
        jdbc.sql("UPDATE transactions SET notes = ?, updated_at = now() WHERE user_id = ? AND id = ?")
                .params(notes, userId, id).update();
    }

    void setDeleted(UUID userId, UUID id, boolean deleted) {
        jdbc.sql("UPDATE transactions SET deleted_at = " + (deleted ? "now()" : "NULL")
                        + ", updated_at = now() WHERE user_id = ? AND id = ?")
                .params(userId, id).update();
    }

    /**
     * A transaction as the stream booked it, before the sink has written it: what the ledger row will hold, without
     * the notes and changes a person makes later.
     */
    static Transaction booked(EnrichedTransaction t) {
        String currency = t.getCurrency();
        String baseCurrency = t.getBaseCurrency();
        return new Transaction(UUID.fromString(t.getId()), UUID.fromString(t.getAccountId()), t.getSource().name(),
                t.getSourceRef(), t.getOccurredAt(), t.getLocalDate(), money(t.getAmount(), currency), currency,
                t.getDescription(), t.getCounterparty(), t.getMerchantCode(), money(t.getBalance(), currency),
                t.getParentId() == null ? null : UUID.fromString(t.getParentId()), t.getCategory(),
                t.getCategorySource().name(), t.getCategoryConfidence(), List.copyOf(t.getTags()), null,
                money(t.getAmountInBase(), baseCurrency), baseCurrency, t.getFxRate(), t.getFxRateDate(),
                t.getFxRateStatus().name(), null);
    }

    private static Transaction map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency").strip();
        String baseCurrency = rs.getString("base_currency").strip();
        return new Transaction(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("source"), rs.getString("source_ref"), instant(rs, "occurred_at"),
                rs.getObject("local_date", LocalDate.class), money(rs.getBigDecimal("amount"), currency), currency,
                rs.getString("description"), rs.getString("counterparty"), rs.getString("merchant_code"),
                money(rs.getBigDecimal("balance"), currency), rs.getObject("parent_id", UUID.class),
                rs.getString("category"), rs.getString("category_source"), rs.getInt("category_confidence"),
                tags(rs.getArray("tags")), rs.getString("notes"),
                money(rs.getBigDecimal("amount_in_base"), baseCurrency), baseCurrency,
                rs.getBigDecimal("fx_rate"), rs.getObject("fx_rate_date", LocalDate.class),
                rs.getString("fx_rate_status"), instant(rs, "deleted_at"));
    }

    /**
     * At the currency's minor unit (KES 2, UGX 0) without rounding: the storage scale's extra zeros go, digits a
     * source really had stay.
     */
    private static BigDecimal money(BigDecimal amount, String currency) {
        if (amount == null || currency == null) {
            return amount;
        }
        int minor = Money.minorUnits(Money.currency(currency));
        return amount.setScale(Math.max(minor, amount.stripTrailingZeros().scale()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
