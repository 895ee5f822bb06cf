package com.personifi.ingest.statement.csv;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.statement.StatementEntries;

/**
 * Amounts as one bank writes them: its decimal and thousands separators, and whatever it puts around the number.
 *
 * <ul>
 *   <li>A sign before or after a currency: {@code -1,234.50}, {@code +50}, {@code -R 30.00}, {@code KES -12.00}.</li>
 *   <li>A trailing minus: {@code 1234.50-}.</li>
 *   <li>Parentheses: {@code (1,234.50)}, {@code KES (1,234.50)}.</li>
 *   <li>A {@code CR} or {@code DR} mark (any case, with or without a space or a dot): {@code 1,234.50 CR} is money
 *       in, {@code 80.00Dr} money out. A mark is the bank saying which way the money went, so
 *       {@code negateAmounts} does not turn it round.</li>
 *   <li>A currency before or after: an ISO code in capitals ({@code KES}, {@code 1 250,00 XOF}), a symbol
 *       ({@code ₦}, {@code GH₵}, {@code US$}) or a local abbreviation ({@code KSh}, {@code USh}, {@code TSh},
 *       {@code R}, {@code N}, {@code Le}). It is dropped: the entry's currency comes from the profile or its currency
 *       column.</li>
 * </ul>
 *
 * The number itself must use exactly the profile's separators, thousands grouped by three: with {@code .} and
 * {@code ,}, {@code 1.234,56} is refused rather than guessed at, because a file that disagrees with its profile is
 * read wrongly everywhere else too. Spaces as thousands separators may be no-break spaces. Two signs
 * ({@code -(5.00)}, {@code -5.00 DR}) are refused as ambiguous.
 */
final class AmountNotation {

    /** No amount a bank prints is longer; a longer cell is refused before any pattern looks at it. */
    static final int MAX_LENGTH = 64;

    /**
     * An ISO code in capitals, a symbol (with the letters some put before it: US$, GH₵), one of the local
     * abbreviations, or a CR/DR mark before the number. Anything else stuck to a number makes it no amount.
     */
    private static final String CURRENCY =
            "(?:[A-Z]{3}|[A-Z]{0,3}\\p{Sc}|KShs?|Kshs?|USh|Ush|TSh|Tsh|R|N|Le|(?i:CR|DR))\\.?";
    private static final Pattern SHAPE = Pattern.compile("([+-]?)\\s*(" + CURRENCY + ")?\\s*([+-]?)\\s*"
            + "(\\d[\\d.,' \\u00A0\\u202F]*?)\\s*(-?)\\s*(" + CURRENCY + ")?");
    /** A mark right after the number (or its closing parenthesis): "1,234.50 CR", "80.00Dr", but not "100 IDR". */
    private static final Pattern MARK_AFTER = Pattern.compile("(?i)^(.*[0-9)])\\s*(CR|DR)\\.?$");
    private static final Pattern MARK = Pattern.compile("(?i)(CR|DR)\\.?");

    private final String decimal;
    private final String thousands;
    private final String example;

    /** @param thousands the grouping separator, or empty for none */
    AmountNotation(String decimal, String thousands) {
        this.decimal = decimal;
        this.thousands = thousands;
        this.example = "1" + thousands + "234" + decimal + "56";
    }

    /**
     * @param value  signed as written: parentheses, a minus or DR make it negative
     * @param marked true when a CR or DR mark said which way the money went
     */
    record Reading(BigDecimal value, boolean marked) {
    }

    /** The cell's amount, null for a blank cell, or a reason naming the column. */
    Reading read(String text, String column) {
        String cell = text == null ? "" : text.strip();
        if (cell.isEmpty()) {
            return null;
        }
        if (cell.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(column + " '" + cell.substring(0, MAX_LENGTH)
                    + "…' is too long to be an amount");
        }
        String rest = cell;
        Boolean credit = null;
        Matcher mark = MARK_AFTER.matcher(rest);
        if (mark.matches()) {
            credit = mark.group(2).equalsIgnoreCase("CR");
            rest = mark.group(1).strip();
        }
        int open = rest.indexOf('(');
        int close = rest.lastIndexOf(')');
        boolean parenthesised = open >= 0 && close > open && open == rest.lastIndexOf('(')
                && close == rest.indexOf(')');
        if (parenthesised) {
            rest = rest.substring(0, open) + rest.substring(open + 1, close) + rest.substring(close + 1);
        }
        Matcher m = SHAPE.matcher(rest.strip());
        if (!m.matches()) {
            throw notAnAmount(column, cell);
        }
        for (int group : new int[] {2, 6}) {
            String word = m.group(group);
            if (word != null && MARK.matcher(word).matches()) {
                if (credit != null) {
                    throw new IllegalArgumentException(column + " '" + cell + "' has two CR/DR marks");
                }
                credit = word.toUpperCase(Locale.ROOT).startsWith("CR");
            }
        }
        int signs = (m.group(1).isEmpty() ? 0 : 1) + (m.group(3).isEmpty() ? 0 : 1) + (m.group(5).isEmpty() ? 0 : 1)
                + (parenthesised ? 1 : 0) + (credit == null ? 0 : 1);
        if (signs > 1) {
            throw new IllegalArgumentException(column + " '" + cell + "' has more than one sign (minus, "
                    + "parentheses, CR/DR), so which way the money went is unclear");
        }
        boolean negative = m.group(1).equals("-") || m.group(3).equals("-") || !m.group(5).isEmpty() || parenthesised
                || Boolean.FALSE.equals(credit);
        BigDecimal magnitude = number(m.group(4).strip(), column, cell);
        return new Reading(negative ? magnitude.negate() : magnitude, credit != null);
    }

    private BigDecimal number(String digits, String column, String cell) {
        String number = thousands.equals(" ") ? digits.replace('\u00A0', ' ').replace('\u202F', ' ') : digits;
        int point = number.indexOf(decimal);
        if (point != number.lastIndexOf(decimal)) {
            throw notAnAmount(column, cell);
        }
        String whole = point < 0 ? number : number.substring(0, point);
        String fraction = point < 0 ? "" : number.substring(point + 1);
        if (point >= 0 && !fraction.matches("\\d+")) {
            throw notAnAmount(column, cell);
        }
        if (!whole.matches("\\d+")) {
            String group = Pattern.quote(thousands);
            if (thousands.isEmpty() || !whole.matches("\\d{1,3}(" + group + "\\d{3})+")) {
                throw notAnAmount(column, cell);
            }
            whole = whole.replace(thousands, "");
        }
        BigDecimal value = new BigDecimal(fraction.isEmpty() ? whole : whole + "." + fraction);
        // refuses more than 15 digits before the point too, with the same message as every other format
        return StatementEntries.atMostFourDecimals(value, column, cell);
    }

    private IllegalArgumentException notAnAmount(String column, String cell) {
        return new IllegalArgumentException(column + " '" + cell + "' is not an amount like " + example);
    }
}
