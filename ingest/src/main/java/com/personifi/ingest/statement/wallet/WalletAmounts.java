package com.personifi.ingest.statement.wallet;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.statement.StatementEntries;

/**
 * Amounts as wallet exports write them: {@code 20,000}, {@code -1,500.00}, {@code UGX 20,000}, {@code 50.00 GHS},
 * and with a decimal comma ({@code 1.234,50}, {@code 12,50}, {@code 250.000}) in files saved with semicolons. Exact,
 * never rounded; a number whose separators could mean two amounts ({@code 1,5} where commas group thousands) is
 * refused rather than guessed.
 */
final class WalletAmounts {

    /**
     * An optional sign, an optional currency code on either side, and the number, spaces and all ("20 000"). Only
     * character classes repeat, so a runaway cell cannot exhaust the stack.
     */
    private static final Pattern AMOUNT = Pattern.compile(
            "([+-])?\\s*(?:([A-Za-z]{3})\\.?\\s*)?([+-])?\\s*([0-9][0-9,.'\u00A0 ]*)\\s*([A-Za-z]{3})?");
    /** NUMERIC(19,4): at most 15 digits before the decimal point. */
    private static final int MAX_INTEGER_DIGITS = 15;

    private WalletAmounts() {
    }

    /**
     * The amount, negative only when the file wrote a minus; null for an empty cell.
     *
     * @param semicolons whether the file is separated by semicolons, where a lone comma before one or two digits is
     *                   a decimal comma
     */
    static BigDecimal parse(String text, String column, boolean semicolons) {
        if (text == null || text.isBlank() || text.strip().equals("-")) {
            return null;
        }
        Matcher m = AMOUNT.matcher(text.strip());
        if (!m.matches() || (m.group(2) != null && m.group(5) != null)) {
            throw new IllegalArgumentException(column + " '" + text + "' is not an amount");
        }
        boolean negative = "-".equals(m.group(1)) || "-".equals(m.group(3));
        String digits = plain(m.group(4).replaceAll("[ '\u00A0]", ""), semicolons);
        if (digits == null) {
            throw new IllegalArgumentException(column + " '" + text + "' is not an amount");
        }
        int point = digits.indexOf('.');
        if (digits.substring(0, point < 0 ? digits.length() : point).replaceFirst("^0+", "").length()
                > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(column + " '" + text + "' is too large");
        }
        BigDecimal value = StatementEntries.atMostFourDecimals(new BigDecimal(digits), column, text);
        return negative ? value.negate() : value;
    }

    /**
     * What the operator took besides the amount, as one charge: its fee and any tax levied on the transfer (Ghana's
     * E-levy, a withdrawal tax), both written as positive or negative by file; null when neither is written. The
     * balance a row states is after both.
     */
    static BigDecimal charges(BigDecimal fee, BigDecimal tax) {
        if (fee == null) {
            return tax == null ? null : tax.abs();
        }
        return tax == null ? fee.abs() : fee.abs().add(tax.abs());
    }

    /** The currency code written next to the amount ("UGX 20,000"), upper case, or null. */
    static String currencyIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = AMOUNT.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        String code = m.group(2) != null ? m.group(2) : m.group(5);
        return code == null ? null : code.toUpperCase(Locale.ROOT);
    }

    /** Digits with at most one decimal point, the thousands separators taken out; null when it cannot be told. */
    private static String plain(String number, boolean semicolons) {
        int lastDot = number.lastIndexOf('.');
        int lastComma = number.lastIndexOf(',');
        String cleaned;
        if (lastDot >= 0 && lastComma >= 0) {
            // the later one is the decimal separator: 1,234.50 or 1.234,50
            cleaned = lastDot > lastComma ? number.replace(",", "")
                    : number.replace(".", "").replace(',', '.');
        } else if (lastComma >= 0) {
            int after = number.length() - lastComma - 1;
            boolean lone = number.indexOf(',') == lastComma;
            if (semicolons && lone && after <= 2) {
                cleaned = number.replace(',', '.');
            } else if (!lone || after == 3) {
                cleaned = number.replace(",", "");
            } else {
                // "1,5" where commas group thousands: not a grouping, and a guess would be ten or a thousand times off
                return null;
            }
        } else if (lastDot >= 0 && (number.indexOf('.') != lastDot
                || semicolons && number.length() - lastDot - 1 == 3)) {
            // 1.234.567, or 250.000 where a comma is the decimal mark: points that group thousands
            cleaned = number.replace(".", "");
        } else {
            cleaned = number;
        }
        return cleaned.matches("[0-9]+(\\.[0-9]+)?") ? cleaned : null;
    }
}
