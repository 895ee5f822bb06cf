package com.personifi.api.recurring;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import com.personifi.api.web.InvalidRequestException;

/**
 * When a recurring rule falls due: the start date, then every {@code interval} days, weeks, months or years. Each
 * occurrence is counted from the start, not from the one before, so a rule starting on 31 January falls on the last
 * day of February and on 31 March again.
 *
 * @param end the last day an occurrence may fall on, or null for no end
 */
record Schedule(String cadence, int interval, LocalDate start, LocalDate end) {

    /** The {@code n}th occurrence, 0 being the start date. */
    LocalDate occurrence(long n) {
        return start.plus(n * interval, unit());
    }

    /** The first occurrence on or after {@code day}, or null when the schedule has ended by then. */
    LocalDate firstOnOrAfter(LocalDate day) {
        long n = day.isAfter(start) ? Math.max(0, unit().between(start, day) / interval) : 0;
        LocalDate candidate = occurrence(n);
        // the estimate can fall a step short (month ends, leap days); it never overshoots
        while (candidate.isBefore(day)) {
            candidate = occurrence(++n);
        }
        return end != null && candidate.isAfter(end) ? null : candidate;
    }

    private ChronoUnit unit() {
        return switch (cadence) {
            case "DAILY" -> ChronoUnit.DAYS;
            case "WEEKLY" -> ChronoUnit.WEEKS;
            case "MONTHLY" -> ChronoUnit.MONTHS;
            case "YEARLY" -> ChronoUnit.YEARS;
            default -> throw new InvalidRequestException("Unknown cadence " + cadence);
        };
    }
}
