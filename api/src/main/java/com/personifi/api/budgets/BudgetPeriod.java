package com.personifi.api.budgets;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * The period a budget counts spending in, computed exactly as the stream does ({@code streams.reference.Budget}), so
 * the status shown here is the one its alerts fire on.
 *
 * @param startDay MONTHLY and CUSTOM: the day of the month a period starts (a payday; clamped to short months);
 *                 WEEKLY: the ISO day of the week (1 = Monday)
 */
record BudgetPeriod(String period, int startDay) {

    static int maxStartDay(String period) {
        return "WEEKLY".equals(period) ? 7 : 31;
    }

    /** The first day of the period that contains {@code date}. */
    LocalDate start(LocalDate date) {
        if (period.equals("WEEKLY")) {
            return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.of(Math.min(7, Math.max(1, startDay)))));
        }
        LocalDate thisMonth = date.withDayOfMonth(Math.min(startDay, date.lengthOfMonth()));
        if (!thisMonth.isAfter(date)) {
            return thisMonth;
        }
        LocalDate previous = date.minusMonths(1);
        return previous.withDayOfMonth(Math.min(startDay, previous.lengthOfMonth()));
    }

    /** The first day after the period that starts on {@code start}. */
    LocalDate nextStart(LocalDate start) {
        if (period.equals("WEEKLY")) {
            return start.plusWeeks(1);
        }
        LocalDate next = start.plusMonths(1);
        return next.withDayOfMonth(Math.min(startDay, next.lengthOfMonth()));
    }
}
