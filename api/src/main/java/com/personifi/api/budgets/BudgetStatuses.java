package com.personifi.api.budgets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

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
        return budgets.of(userId).stream().map(budget -> status(userId, budget, day, zone)).toList();
    }

    private Status status(UUID userId, Budgets.Budget budget, LocalDate day, ZoneId zone) {
        BudgetPeriod schedule = budget.schedule();
        LocalDate start = schedule.start(day);
        LocalDate next = schedule.nextStart(start);
        BigDecimal spent = jdbc.sql("""
                        SELECT COALESCE(sum(-amount_in_base), 0) FROM transactions
                        WHERE user_id = ? AND category = ? AND base_currency = ? AND deleted_at IS NULL
                          AND occurred_at >= ? AND occurred_at < ?""")
                .params(userId, budget.category(), budget.currency(),
                        Timestamp.from(start.atStartOfDay(zone).toInstant()),
                        Timestamp.from(next.atStartOfDay(zone).toInstant()))
                .query(BigDecimal.class).single();
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
