package com.personifi.api.rules;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.personifi.api.audit.AuditLog;
import com.personifi.api.dashboard.UserDataVersions;
import com.personifi.api.transactions.LedgerCorrections;
import com.personifi.api.web.InvalidFieldsException;
import com.personifi.api.web.NotFoundException;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a rule does to transactions already in the ledger: a preview of the rows it would change, and applying it to
 * them. Rows whose category a person chose (MANUAL) are never touched: a person's choice wins over any rule. The
 * matching runs in PostgreSQL under a statement timeout, so a pathological pattern cannot hold the database.
 */
@Service
class RuleEffects {

    /** The fields a rule can change, before or after it. */
    record State(String category, String categorySource, List<String> tags, String counterparty) {
    }

    /** One transaction the rule would change, rounded to its currency's minor unit. */
    record Change(UUID transactionId, Instant occurredAt, LocalDate localDate, BigDecimal amount, String currency,
                  String description, State before, State after) {
    }

    /**
     * @param total         how many transactions the rule would change; {@code changes} lists the newest of them
     * @param skippedManual matching transactions left alone because their category was chosen by the person
     */
    record Preview(UUID ruleId, long total, List<Change> changes, long skippedManual) {
    }

    record Applied(UUID ruleId, int changed, long skippedManual) {
    }

    private record Row(UUID id, Instant occurredAt, LocalDate localDate, BigDecimal amount, String currency,
                       String description, BigDecimal amountInBase, String baseCurrency, State state) {
    }

    /** The most transactions one preview lists. */
    static final int MAX_PREVIEW = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            id, occurred_at, local_date, amount, currency, description, amount_in_base, base_currency, category,
            category_source, tags, counterparty""";

    private final CategoryRules rules;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final AuditLog audit;
    private final UserDataVersions versions;
    private final LedgerCorrections corrections;
    private final Duration timeout;

    RuleEffects(CategoryRules rules, JdbcClient jdbc, JdbcTemplate batch, AuditLog audit, RulesSettings settings,
                UserDataVersions versions, LedgerCorrections corrections) {
        this.corrections = corrections;
        this.rules = rules;
        this.jdbc = jdbc;
        this.batch = batch;
        this.audit = audit;
        this.versions = versions;
        this.timeout = settings.matchTimeout();
    }

    @Transactional(readOnly = true)
    Preview preview(UUID userId, UUID ruleId, int limit) {
        CategoryRules.Rule rule = rules.find(userId, ruleId).orElseThrow(() -> new NotFoundException("No rule " + ruleId));
        return bounded(() -> {
            List<Row> rows = select(userId, rule, " ORDER BY occurred_at DESC, id DESC LIMIT ?", limit);
            long total = count(userId, rule, true);
            List<Change> changes = rows.stream().map(row -> new Change(row.id(), row.occurredAt(), row.localDate(),
                    Money.roundToMinorUnit(row.amount(), Money.currency(row.currency())), row.currency(),
                    row.description(), row.state(), after(row.state(), rule.actions()))).toList();
            return new Preview(ruleId, total, changes, count(userId, rule, false));
        });
    }

    /** Changes every row the preview would list, each with an audit entry, and one entry for the rule. */
    @Transactional
    Applied apply(UUID userId, UUID ruleId) {
        CategoryRules.Rule rule = rules.find(userId, ruleId).orElseThrow(() -> new NotFoundException("No rule " + ruleId));
        return bounded(() -> {
            // locked, so the sink cannot rewrite a row between reading its state and changing it
            List<Row> rows = select(userId, rule, " FOR UPDATE", null);
            List<Object[]> updates = new ArrayList<>();
            List<Object[]> entries = new ArrayList<>();
            List<LedgerCorrections.Corrected> recategorized = new ArrayList<>();
            for (Row row : rows) {
                State after = after(row.state(), rule.actions());
                if (!after.category().equals(row.state().category())) {
                    // a rule's category, which a later update from the stream may change in the ledger too
                    recategorized.add(new LedgerCorrections.Corrected(row.id(), row.occurredAt(), after.category(),
                            false, false, row.baseCurrency(), row.amountInBase()));
                }
                updates.add(new Object[] {after.category(), after.categorySource(), rule.actions().category() != null,
                        after.tags().toArray(String[]::new), after.counterparty(), userId, row.id()});
                entries.add(new Object[] {TransactionIds.newId(), userId,
                        row.id().toString(), snapshot(row, row.state(), null), snapshot(row, after, ruleId)});
            }
            batch.batchUpdate("""
                    UPDATE transactions SET category = ?, category_source = ?,
                        category_confidence = CASE WHEN ? THEN 100 ELSE category_confidence END,
                        tags = ?::text[], counterparty = ?, updated_at = now()
                    WHERE user_id = ? AND id = ?""", updates);
            batch.batchUpdate("""
                    INSERT INTO audit_log (id, actor_id, entity_type, entity_id, action, before, after)
                    VALUES (?, ?, 'transaction', ?, 'apply-rule', ?::jsonb, ?::jsonb)""", entries);
            long skipped = count(userId, rule, false);
            audit.record(userId, "category_rule", ruleId, "apply", null,
                    Map.of("changed", rows.size(), "skippedManual", skipped));
            versions.changedAfterCommit(userId);
            corrections.record(userId, recategorized);
            return new Applied(ruleId, rows.size(), skipped);
        });
    }

    /** What the rule's actions make of a row: the stream's RULE decision, with tags added, never removed. */
    static State after(State before, RuleDefinition.Actions then) {
        Set<String> tags = new LinkedHashSet<>(before.tags());
        tags.addAll(then.tags());
        return new State(then.category() == null ? before.category() : then.category(),
                then.category() == null ? before.categorySource() : "RULE", List.copyOf(tags),
                then.renameCounterparty() == null ? before.counterparty() : then.renameCounterparty());
    }

    private List<Row> select(UUID userId, CategoryRules.Rule rule, String tail, Integer limit) {
        RuleMatch.Sql match = RuleMatch.of(rule.conditions());
        RuleMatch.Sql change = RuleMatch.wouldChange(rule.actions());
        List<Object> params = new ArrayList<>();
        params.add(userId);
        params.addAll(match.params());
        params.addAll(change.params());
        if (limit != null) {
            params.add(limit);
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM transactions WHERE user_id = ? AND deleted_at IS NULL"
                        + " AND category_source <> 'MANUAL'" + match.where() + change.where() + tail)
                .params(params).query(RuleEffects::map).list();
    }

    /** Rows that would change, or (changing = false) matching rows a person categorized. */
    private long count(UUID userId, CategoryRules.Rule rule, boolean changing) {
        RuleMatch.Sql match = RuleMatch.of(rule.conditions());
        List<Object> params = new ArrayList<>();
        params.add(userId);
        params.addAll(match.params());
        String where = match.where();
        if (changing) {
            RuleMatch.Sql change = RuleMatch.wouldChange(rule.actions());
            params.addAll(change.params());
            where += " AND category_source <> 'MANUAL'" + change.where();
        } else {
            where += " AND category_source = 'MANUAL'";
        }
        return jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = ? AND deleted_at IS NULL" + where)
                .params(params).query(Long.class).single();
    }

    private <T> T bounded(Supplier<T> work) {
        // SET takes no bind parameters; the value is a number of milliseconds from the settings, never user input
        jdbc.sql("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis())).update();
        try {
            T result = work.get();
            // the limit is for matching alone, not for what the surrounding transaction does next
            jdbc.sql("SET LOCAL statement_timeout TO DEFAULT").update();
            return result;
        } catch (DataAccessException e) {
            if (!timedOut(e)) {
                throw e;
            }
            throw InvalidFieldsException.of("conditions.descriptionRegex",
                    "took longer than " + timeout.toMillis() + " ms over your transactions; simplify it");
        }
    }

    /** PostgreSQL's "canceling statement due to statement timeout", whichever exception Spring made of it. */
    private static boolean timedOut(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return e instanceof QueryTimeoutException;
    }

    private static String snapshot(Row row, State state, UUID ruleId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("amount", row.amount().toPlainString());
        fields.put("currency", row.currency());
        fields.put("amountInBase", row.amountInBase() == null ? null : row.amountInBase().toPlainString());
        fields.put("baseCurrency", row.baseCurrency());
        fields.put("category", state.category());
        fields.put("categorySource", state.categorySource());
        fields.put("tags", state.tags());
        fields.put("counterparty", state.counterparty());
        if (ruleId != null) {
            fields.put("ruleId", ruleId.toString());
        }
        return JSON.writeValueAsString(fields);
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        Array tags = rs.getArray("tags");
        return new Row(rs.getObject("id", UUID.class), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("local_date", LocalDate.class), rs.getBigDecimal("amount"), rs.getString("currency"),
                rs.getString("description"), rs.getBigDecimal("amount_in_base"), rs.getString("base_currency"),
                new State(rs.getString("category"), rs.getString("category_source"),
                        tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                        rs.getString("counterparty")));
    }
}
