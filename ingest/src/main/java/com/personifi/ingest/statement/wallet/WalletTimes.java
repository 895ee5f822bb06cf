package com.personifi.ingest.statement.wallet;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;

/**
 * Dates and times as wallet exports write them, local wall-clock time with no zone: ISO year-month-day (MTN's
 * portal), day-first with slashes or dashes ({@code 12/05/2024 14:30}, {@code 01-05-25 08:17 AM}, Airtel's) and with
 * a month name ({@code 01-May-25 08:17 AM}). Day-first is the only order read: month-first dates are not written by
 * these operators, and reading both would make 01/05 mean two days. Strict, so 31/02 is refused, not moved to March.
 */
final class WalletTimes {

    /** When a row happened: the day always, the time when the file has one. */
    record When(LocalDate date, LocalDateTime at) {
    }

    private static final List<DateTimeFormatter> DATE_TIMES = formats(
            "uuuu-M-d H:mm:ss", "uuuu-M-d H:mm", "uuuu-M-d'T'H:mm:ss", "uuuu-M-d'T'H:mm",
            "uuuu-M-d H:mm:ss.SSS", "uuuu-M-d'T'H:mm:ss.SSS",
            "d/M/uuuu H:mm:ss", "d/M/uuuu H:mm", "d-M-uuuu H:mm:ss", "d-M-uuuu H:mm",
            "d/M/uuuu h:mm:ss a", "d/M/uuuu h:mm a", "d-M-uuuu h:mm:ss a", "d-M-uuuu h:mm a",
            "d/M/uu H:mm", "d-M-uu H:mm", "d/M/uu h:mm a", "d-M-uu h:mm a",
            "d-MMM-uuuu H:mm:ss", "d-MMM-uuuu H:mm", "d-MMM-uuuu h:mm a", "d-MMM-uu H:mm", "d-MMM-uu h:mm a",
            "d MMM uuuu H:mm:ss", "d MMM uuuu H:mm", "d MMM uuuu h:mm a");
    private static final List<DateTimeFormatter> DATES = formats(
            "uuuu-M-d", "d/M/uuuu", "d-M-uuuu", "d/M/uu", "d-M-uu", "d-MMM-uuuu", "d-MMM-uu", "d MMM uuuu");

    private WalletTimes() {
    }

    /**
     * @param text the date, or date and time, as written
     * @param time a separate time cell when the file splits them, else null or empty
     */
    static When parse(String text, String time, String column) {
        String written = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (time != null && !time.isBlank()) {
            written = written + " " + time.strip();
        }
        for (DateTimeFormatter format : DATE_TIMES) {
            try {
                LocalDateTime at = LocalDateTime.parse(written, format);
                return new When(at.toLocalDate(), at);
            } catch (DateTimeParseException e) {
                // try the next layout
            }
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return new When(LocalDate.parse(written, format), null);
            } catch (DateTimeParseException e) {
                // try the next layout
            }
        }
        throw new IllegalArgumentException(column + " '" + written + "' is not a date like 2024-05-12 14:30:05, "
                + "12/05/2024 14:30 or 12-May-24 02:30 PM");
    }

    private static List<DateTimeFormatter> formats(String... patterns) {
        return List.of(patterns).stream().map(p -> new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendPattern(p).toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT)).toList();
    }
}
