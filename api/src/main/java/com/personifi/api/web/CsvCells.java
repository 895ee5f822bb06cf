package com.personifi.api.web;

import java.math.BigDecimal;

/** CSV cells that are safe to open in a spreadsheet. */
public final class CsvCells {

    private CsvCells() {
    }

    /**
     * Quoted, with quotes doubled; a cell a spreadsheet would run as a formula (starting with = + - @, tab or
     * carriage return) is prefixed with an apostrophe so it shows as text.
     */
    public static String safe(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * An amount as a plain decimal ("-1500.00"), unquoted so spreadsheets read it as a number. Only digits, a point
     * and a leading minus can come out of a {@link BigDecimal}, so a minus here starts a number, never a formula.
     */
    public static String decimal(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
