package com.personifi.api.budgets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.personifi.schemas.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How far each budget is into its current period, from the ledger: what the stream counts toward its alerts, read
 * back from PostgreSQL. Spending is the sum of {@code -amount_in_base} of the category's transactions in the budget's
 * currency (so a refund in the category lowers it), not deleted, booked within the period in the user's time zone.
 * Transactions without a converted amount (no FX rate yet) do not count, as in the stream.
 */
@Service
class BudgetStatuses {

    /**
     * @param periodStart       first day of the current period
     * @param periodEnd         last day of the current period (inclusive)
     * @param spent             spending so far, at the currency's minor unit
     * @param remaining         the limit less spending; negative once over
     * @param percent           spending as a percentage of the limit, to two decimals
     * @param thresholdsCrossed the budget's thresholds that spending has reached
     */
    record Status(UUID budgetId, String category, String period, LocalDate periodStart, LocalDate periodEnd,
                  BigDecimal amount, String currency, BigDecimal spent, BigDecimal remaining, BigDecimal percent,
                  List<Integer> thresholdsCrossed) {
    }

    private final Budgets budgets;
    private final JdbcClient jdbc;

    BudgetStatuses(Budgets budgets, JdbcClient jdbc) {
        this.budgets = budgets;
        this.jdbc = jdbc;
    }

    /** Each budget's period that contains {@code day}, with {@code zone} the user's time zone. */
    @Transactional(readOnly = true)
    List<Status> on(UUID userId, LocalDate day, ZoneId zone) {
        return of(userId, budgets.of(userId), day, zone);
    }

    /**
     * These budgets of the user, in their order, summed in one statement however many there are: each budget's
     * category, currency and period bounds are one row of arrays joined to the ledger.
     */
    @Transactional(readOnly = true)
    List<Status> of(UUID userId, List<Budgets.Budget> these, LocalDate day, ZoneId zone) {
        if (these.isEmpty()) {
            return List.of();
        }
        int n = these.size();
        LocalDate[] starts = new LocalDate[n];
        LocalDate[] nexts = new LocalDate[n];
        String[] categories = new String[n];
        String[] currencies = new String[n];
        String[] from = new String[n];
        String[] until = new String[n];
        for (int i = 0; i < n; i++) {
            Budgets.Budget budget = these.get(i);
            BudgetPeriod schedule = budget.schedule();
            starts[i] = schedule.start(day);
            nexts[i] = schedule.nextStart(starts[i]);
            categories[i] = budget.category();
            currencies[i] = budget.currency();
            from[i] = starts[i].atStartOfDay(zone).toInstant().toString();
            until[i] = nexts[i].atStartOfDay(zone).toInstant().toString();
        }
        Map<Long, BigDecimal> spent = jdbc.sql("""
                        SELECT p.n, COALESCE(sum(-t.amount_in_base), 0)
                        FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
                             WITH ORDINALITY AS p(category, currency, from_at, until_at, n)
                        LEFT JOIN transactions t
                               ON t.user_id = ? AND t.category = p.category AND t.base_currency = p.currency
                              AND t.deleted_at IS NULL AND t.occurred_at >= p.from_at AND t.occurred_at < p.until_at
                        GROUP BY p.n""")
                .params(categories, currencies, from, until, userId)
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getBigDecimal(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Status> statuses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            statuses.add(status(these.get(i), starts[i], nexts[i], spent.get(i + 1L)));
        }
        return statuses;
    }

    private static Status status(Budgets.Budget budget, LocalDate start, LocalDate next, BigDecimal spent) {
        Currency currency = Money.currency(budget.currency());
        BigDecimal percent = spent.multiply(BigDecimal.valueOf(100)).divide(budget.amount(), 2, RoundingMode.HALF_EVEN);
        // crossing is judged on exact figures, as the stream judges it; only what is shown is rounded
        BigDecimal spentTimes100 = spent.multiply(BigDecimal.valueOf(100));
        List<Integer> crossed = budget.thresholds().stream()
                .filter(t -> spentTimes100.compareTo(budget.amount().multiply(BigDecimal.valueOf(t))) >= 0).toList();
        BigDecimal shownSpent = Money.roundToMinorUnit(spent, currency);
        return new Status(budget.id(), budget.category(), budget.period(), start, next.minusDays(1), budget.amount(),
                budget.currency(), shownSpent, Money.roundToMinorUnit(budget.amount().subtract(spent), currency),
                percent, crossed);
    }
}
