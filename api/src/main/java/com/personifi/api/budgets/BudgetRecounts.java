package com.personifi.api.budgets;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.personifi.api.auth.Users;
import com.personifi.api.transactions.LedgerCorrections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * When a budget is made or changed, the stream's budgets are told the current period's transactions in its
 * categories, to count anew under the user's budgets as they now are. The stream counts what flows past it: without
 * this, a budget made on the 20th would start from nothing and alert late, and one moved to another category would
 * keep the old category's spending.
 */
@Component
class BudgetRecounts {

    /** Far more than a period of one category holds; a bound on what one change may send. */
    static final int MAX_RECOUNTED = 20_000;

    private static final Logger log = LoggerFactory.getLogger(BudgetRecounts.class);

    private final JsonMapper json = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final Budgets budgets;
    private final Users users;
    private final LedgerCorrections corrections;

    BudgetRecounts(JdbcClient jdbc, Budgets budgets, Users users, LedgerCorrections corrections) {
        this.jdbc = jdbc;
        this.budgets = budgets;
        this.users = users;
        this.corrections = corrections;
    }

    /**
     * Reads the transactions in the current database transaction and tells them in it (through the outbox).
     *
     * @param changed the budget as it is now, and as it was before when it was replaced: each one's current period
     *                and category are counted anew
     */
    void recount(UUID userId, Collection<Budgets.Budget> changed) {
        ZoneId zone = users.findById(userId).map(u -> ZoneId.of(u.timeZone())).orElse(ZoneId.of("Africa/Nairobi"));
        LocalDate today = LocalDate.now(zone);
        List<String> categories = changed.stream().map(Budgets.Budget::category).distinct().toList();
        LocalDate since = changed.stream().map(b -> b.schedule().start(today)).min(LocalDate::compareTo)
                .orElse(today);
        List<LedgerCorrections.Corrected> transactions = jdbc.sql("""
                        SELECT id, occurred_at, category, category_source = 'MANUAL', base_currency, amount_in_base
                        FROM transactions
                        WHERE user_id = ? AND deleted_at IS NULL AND category = ANY (?) AND occurred_at >= ?
                        ORDER BY occurred_at LIMIT ?""")
                .params(userId, categories.toArray(String[]::new),
                        Timestamp.from(since.atStartOfDay(zone).toInstant()), MAX_RECOUNTED)
                .query((rs, row) -> new LedgerCorrections.Corrected(rs.getObject(1, UUID.class),
                        rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getBoolean(4), false, rs.getString(5),
                        rs.getBigDecimal(6)))
                .list();
        if (transactions.size() == MAX_RECOUNTED) {
            log.warn("Budget change of user {}: only the first {} of this period's transactions counted anew", userId,
                    MAX_RECOUNTED);
        }
        corrections.recount(userId, transactions, budgetsDocument(userId));
    }

    /** The user's live budgets in the shape change data capture publishes them to {@code reference.budgets}. */
    private String budgetsDocument(UUID userId) {
        ObjectNode document = json.createObjectNode().put("user_id", userId.toString());
        ArrayNode list = document.putArray("budgets");
        for (Budgets.Budget b : budgets.of(userId)) {
            ObjectNode budget = list.addObject()
                    .put("id", b.id().toString())
                    .put("category", b.category())
                    // as text, as CDC sends it: never through a double
                    .put("amount", b.amount().toPlainString())
                    .put("currency", b.currency())
                    .put("period", b.period())
                    .put("start_day", b.startDay());
            ArrayNode thresholds = budget.putArray("thresholds");
            b.thresholds().forEach(thresholds::add);
        }
        return json.writeValueAsString(document);
    }
}
