package com.personifi.connectors.cdc;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The current reference documents, read from the platform's database in the shapes the stream reads
 * ({@code streams.reference.ReferenceJson}). A change event only says which key changed; what is published is read
 * here afterwards, so a replayed or reordered event still publishes the latest state, and a user's rules and budgets
 * always go out as the whole current list. Soft-deleted rows are left out; an empty value means "publish a tombstone".
 */
final class ReferenceDocuments {

    private static final String USER = """
            SELECT jsonb_build_object('id', id, 'base_currency', base_currency, 'time_zone', time_zone)::text
            FROM users WHERE id = ? AND deleted_at IS NULL
            """;

    private static final String RULES = """
            SELECT jsonb_build_object('user_id', ?::text, 'rules', COALESCE(jsonb_agg(
                       jsonb_build_object('id', id, 'priority', priority, 'when', conditions, 'then', actions)
                       ORDER BY priority, created_at, id), '[]'::jsonb))::text
            FROM category_rules WHERE user_id = ? AND deleted_at IS NULL
            """;

    // amounts as text: a JSON number would pass through a double on the way
    private static final String BUDGETS = """
            SELECT jsonb_build_object('user_id', ?::text, 'budgets', COALESCE(jsonb_agg(
                       jsonb_build_object('id', id, 'category', category, 'amount', amount::text,
                           'currency', currency, 'period', period, 'start_day', start_day,
                           'thresholds', to_jsonb(thresholds))
                       ORDER BY created_at, id), '[]'::jsonb))::text
            FROM budgets WHERE user_id = ? AND deleted_at IS NULL
            """;

    private static final String CORRECTION = """
            SELECT jsonb_build_object('category', category, 'corrections', corrections)::text
            FROM category_corrections WHERE user_id = ? AND correction_key = ?
            """;

    private final JdbcTemplate database;

    ReferenceDocuments(JdbcTemplate database) {
        this.database = database;
    }

    /** {@code {"id","base_currency","time_zone"}}; empty once the user is deleted. */
    Optional<String> user(UUID userId) {
        return database.queryForList(USER, String.class, userId).stream().findFirst();
    }

    /** {@code {"user_id","rules":[{"id","priority","when","then"}]}} in priority order, possibly empty. */
    String rules(UUID userId) {
        return database.queryForObject(RULES, String.class, userId.toString(), userId);
    }

    /** {@code {"user_id","budgets":[{"id","category","amount","currency","period","start_day","thresholds"}]}}. */
    String budgets(UUID userId) {
        return database.queryForObject(BUDGETS, String.class, userId.toString(), userId);
    }

    /** {@code {"category","corrections"}} for one CorrectionKeys key; empty once the correction is gone. */
    Optional<String> correction(UUID userId, String correctionKey) {
        return database.queryForList(CORRECTION, String.class, userId, correctionKey).stream().findFirst();
    }
}
