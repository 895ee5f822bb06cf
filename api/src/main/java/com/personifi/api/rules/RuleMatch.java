package com.personifi.api.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule as SQL over the ledger, with the categorizer's meaning ({@code streams.reference.CategoryRule#matches}):
 * "contains" is a case-insensitive substring (ILIKE with its wildcards escaped; a missing counterparty contains
 * nothing), amount bounds are inclusive on the signed amount, IN means an amount above zero and OUT below, the
 * regular expression is searched case-insensitively ({@code ~*}), the rest are equalities.
 */
final class RuleMatch {

    /** A condition fragment to append after {@code WHERE user_id = ?}, with its parameters in order. */
    record Sql(String where, List<Object> params) {
    }

    private RuleMatch() {
    }

    static Sql of(RuleDefinition.Conditions when) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        add(sql, params, when.descriptionContains() == null ? null : contains(when.descriptionContains()),
                " AND description ILIKE ? ESCAPE '\\'");
        add(sql, params, when.counterpartyContains() == null ? null : contains(when.counterpartyContains()),
                " AND counterparty ILIKE ? ESCAPE '\\'");
        add(sql, params, when.merchantCode(), " AND merchant_code = ?");
        add(sql, params, when.minAmount(), " AND amount >= ?");
        add(sql, params, when.maxAmount(), " AND amount <= ?");
        add(sql, params, when.accountId(), " AND account_id = ?");
        if (when.direction() != null) {
            sql.append(when.direction().equals("IN") ? " AND amount > 0" : " AND amount < 0");
        }
        add(sql, params, when.currency(), " AND currency = ?");
        add(sql, params, when.paymentMethod(), " AND source = ?");
        // last, so PostgreSQL can rule rows out with the cheap conditions first
        add(sql, params, when.descriptionRegex() == null ? null : RuleRegex.forPostgres(when.descriptionRegex()),
                " AND description ~* ?");
        return new Sql(sql.toString(), params);
    }

    /**
     * Rows the actions would leave different: another category, a tag missing, another counterparty. Without this
     * a preview would list rows the rule already shaped, which apply would not touch.
     */
    static Sql wouldChange(RuleDefinition.Actions then) {
        List<String> differences = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (then.category() != null) {
            differences.add("category IS DISTINCT FROM ?");
            params.add(then.category());
        }
        if (!then.tags().isEmpty()) {
            differences.add("NOT (tags @> ?::text[])");
            params.add(then.tags().toArray(String[]::new));
        }
        if (then.renameCounterparty() != null) {
            differences.add("counterparty IS DISTINCT FROM ?");
            params.add(then.renameCounterparty());
        }
        return new Sql(" AND (" + String.join(" OR ", differences) + ")", params);
    }

    /** ILIKE's own wildcards and escape character are literal text in a rule. */
    static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static void add(StringBuilder sql, List<Object> params, Object value, String condition) {
        if (value != null) {
            sql.append(condition);
            params.add(value);
        }
    }
}
