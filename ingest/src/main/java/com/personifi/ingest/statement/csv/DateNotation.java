package com.personifi.ingest.statement.csv;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Dates as a profile's {@code dateFormat} writes them, with or without a time in the same cell.
 *
 * <p>Read strictly: 31/02/2024 is refused rather than moved to 29 February, because a date a bank cannot have
 * printed means the profile's pattern is wrong for the file. Month names are English and read in any case
 * ({@code 05-JAN-24}, {@code 05-Jan-24}); two-digit years are 2000-2099. Optional parts in square brackets, as in
 * {@code dd/MM/yyyy[ HH:mm]}, let one column carry a time on some rows and not on others.
 */
final class DateNotation {

    /** No date, even with a time and a zone name, is longer; anything longer is not worth parsing. */
    static final int MAX_LENGTH = 64;
    private static final LocalDateTime SAMPLE = LocalDateTime.of(2024, 3, 15, 13, 45, 30);

    private final String pattern;
    private final DateTimeFormatter formatter;

    private DateNotation(String pattern, DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.formatter = formatter;
    }

    /**
     * @throws IllegalArgumentException with a message for the person who wrote the pattern, when it is not a
     *                                  java.time pattern or does not name a whole date
     */
    static DateNotation of(String pattern) {
        DateTimeFormatter formatter;
        try {
            formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(strict(pattern))
                    .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + pattern + "' is not a date pattern: " + e.getMessage()
                    + " (write it like dd/MM/yyyy, yyyy-MM-dd, dd-MMM-yy or dd.MM.yyyy HH:mm)");
        }
        DateNotation notation = new DateNotation(pattern, formatter);
        try {
            LocalDate back = notation.parse(formatter.format(SAMPLE)).date();
            if (back.equals(SAMPLE.toLocalDate())) {
                return notation;
            }
        } catch (DateTimeException | IllegalArgumentException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("'" + pattern + "' does not give a whole date: it needs a day (dd), a "
                + "month (MM or MMM) and a year (yyyy or yy), and may add a time (HH:mm) but no time zone");
    }

    /** The date, and the time where the cell has one. */
    Parsed parse(String text) {
        TemporalAccessor parsed = formatter.parse(text);
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            throw new DateTimeException("no whole date");
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        return new Parsed(date, time == null ? null : date.atTime(time));
    }

    /** The cell's date, or a reason naming the column. */
    Parsed parse(String text, String column) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(column + " '" + text.substring(0, MAX_LENGTH)
                    + "…' is too long to be a date");
        }
        try {
            return parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a date like " + pattern);
        }
    }

    String pattern() {
        return pattern;
    }

    /** @param bookedAt null when the cell has no time */
    record Parsed(LocalDate date, LocalDateTime bookedAt) {
    }

    /**
     * Year-of-era ({@code y}) needs an era to resolve strictly; banks mean the proleptic year ({@code u}). Quoted
     * literals are left as they are.
     */
    private static String strict(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append(!quoted && c == 'y' ? 'u' : c);
        }
        return out.toString();
    }
}
