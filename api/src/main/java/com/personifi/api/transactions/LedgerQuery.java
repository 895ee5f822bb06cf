package com.personifi.api.transactions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import com.personifi.api.web.InvalidRequestException;

/**
 * Filters of a transaction list, and where the previous page ended. Every filter is optional; the user is not one of
 * them, because the query always takes it from the token.
 *
 * @param from, to  local dates, inclusive
 * @param q         words to search in description and counterparty (PostgreSQL full-text, simple dictionary)
 * @param after     the last transaction of the previous page, or null for the first page
 */
record LedgerQuery(LocalDate from, LocalDate to, UUID accountId, String category, String tag, BigDecimal minAmount,
                   BigDecimal maxAmount, String currency, String q, boolean deleted, Position after, int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** Newest first by booking time, then by id: a total order, so pages never skip or repeat a transaction. */
    record Position(Instant occurredAt, UUID id) {

        /** Opaque to clients: base64url of "epochMicros:id". */
        String cursor() {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static Position of(String cursor) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                int colon = decoded.indexOf(':');
                Instant at = Instant.EPOCH.plus(Long.parseLong(decoded.substring(0, colon)), ChronoUnit.MICROS);
                return new Position(at, UUID.fromString(decoded.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new InvalidRequestException("cursor is not one this API handed out");
            }
        }
    }

    /** The WHERE clause after "user_id = ?", with its parameters in order. */
    record Sql(String where, List<Object> params) {
    }

    Sql where() {
        StringBuilder sql = new StringBuilder(deleted ? " AND deleted_at IS NOT NULL" : " AND deleted_at IS NULL");
        List<Object> params = new ArrayList<>();
        add(sql, params, from, " AND local_date >= ?");
        add(sql, params, to, " AND local_date <= ?");
        add(sql, params, accountId, " AND account_id = ?");
        add(sql, params, category, " AND category = ?");
        // the first condition follows from the second; it is there so the planner can use the tags index, which
        // covers only tagged rows (V18)
        add(sql, params, tag, " AND tags <> '{}' AND tags @> ARRAY[?]::text[]");
        add(sql, params, minAmount, " AND amount >= ?");
        add(sql, params, maxAmount, " AND amount <= ?");
        add(sql, params, currency, " AND currency = ?");
        add(sql, params, q, " AND search @@ websearch_to_tsquery('simple', ?)");
        if (after != null) {
            sql.append(" AND (occurred_at, id) < (?, ?)");
            params.add(java.sql.Timestamp.from(after.occurredAt()));
            params.add(after.id());
        }
        return new Sql(sql.toString(), params);
    }

    private static void add(StringBuilder sql, List<Object> params, Object value, String condition) {
        if (value != null) {
            sql.append(condition);
            params.add(value);
        }
    }
}
