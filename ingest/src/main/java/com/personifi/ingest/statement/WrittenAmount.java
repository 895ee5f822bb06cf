package com.personifi.ingest.statement;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An amount as a file or message writes it, turned into an exact {@link BigDecimal} only when it is plain decimal
 * digits of a length money can have. {@code new BigDecimal(text)} takes any number of digits and any exponent, but
 * reading n digits takes time growing with n², and an exponent such as {@code 1E999999999} makes the first rescale or
 * sum build a number of a billion digits: a few bytes of an upload could hold a parser for minutes. Amounts are
 * stored as NUMERIC(19,4), so a longer text is no amount anyway.
 */
public final class WrittenAmount {

    /** A sign, 15 digits, a point and 4 decimals, with room for the zeros some banks pad the decimals with. */
    public static final int MAX_LENGTH = 40;

    private static final Pattern PLAIN = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)");
    private static final int SHOWN = 24;

    private WrittenAmount() {
    }

    /**
     * @param plain     the amount with at most a sign and a decimal point: separators already taken out
     * @param field     what the amount is, for the message
     * @param asWritten the amount as the file wrote it, for the message
     * @throws NumberFormatException saying which field is too long or not an amount
     */
    public static BigDecimal parse(String plain, String field, String asWritten) {
        if (plain.length() > MAX_LENGTH) {
            throw new NumberFormatException(field + " '" + shortened(asWritten) + "' is too long to be an amount");
        }
        if (!PLAIN.matcher(plain).matches()) {
            throw new NumberFormatException(field + " '" + asWritten + "' is not an amount");
        }
        return new BigDecimal(plain);
    }

    private static String shortened(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "… (" + text.length() + " characters)";
    }
}
