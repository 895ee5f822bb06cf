package com.personifi.streams.reference;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * A spending limit for one category per period, with the percentages at which to alert.
 *
 * @param startDay MONTHLY and CUSTOM: day of month the period starts (a payday, say; clamped to short months);
 *                 WEEKLY: ISO day of week (1 = Monday)
 */
public record Budget(String id, String category, BigDecimal amount, String currency, Period period, int startDay,
                     List<Integer> thresholds) {

    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 100);

    public enum Period { MONTHLY, WEEKLY, CUSTOM }

    /** The first day of the period that contains {@code date}. */
    public LocalDate periodStart(LocalDate date) {
        if (period == Period.WEEKLY) {
            DayOfWeek first = DayOfWeek.of(Math.min(7, Math.max(1, startDay)));
            return date.with(TemporalAdjusters.previousOrSame(first));
        }
        LocalDate thisMonth = date.withDayOfMonth(Math.min(startDay, date.lengthOfMonth()));
        if (!thisMonth.isAfter(date)) {
            return thisMonth;
        }
        LocalDate previous = date.minusMonths(1);
        return previous.withDayOfMonth(Math.min(startDay, previous.lengthOfMonth()));
    }

    /** The first day after the period that starts on {@code start}. */
    public LocalDate periodEnd(LocalDate start) {
        if (period == Period.WEEKLY) {
            return start.plusWeeks(1);
        }
        LocalDate next = start.plusMonths(1);
        return next.withDayOfMonth(Math.min(startDay, next.lengthOfMonth()));
    }
}
