package com.personifi.ingest.statement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import com.personifi.schemas.money.Money;

/** What the bank-format parsers share when they turn a file's entry into a {@link StatementEntry}. */
public final class StatementEntries {

    /** Amounts are stored as NUMERIC(19,4). */
    public static final int MAX_SCALE = 4;

    private StatementEntries() {
    }

    /**
     * A stable reference for an entry whose file gives it no id of its own: the first 20 hex digits of the SHA-256
     * of what the entry says, so re-importing the same file gives the same references.
     */
    public static String contentHash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The amount as written, with trailing zeros past 4 decimals dropped; any other digit there is refused. */
    public static BigDecimal atMostFourDecimals(BigDecimal value, String field, String text) {
        if (!Money.fitsStorage(value)) {
            throw new IllegalArgumentException(field + " '" + text + "' is too large");
        }
        if (value.scale() <= MAX_SCALE) {
            return value;
        }
        try {
            return value.setScale(MAX_SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " '" + text + "' has more than " + MAX_SCALE
                    + " decimal places");
        }
    }

    /**
     * A payee name, cut short by many banks, and a memo that often repeats it in full: the longer one is kept when
     * it contains the other, and both are joined only when they say different things.
     */
    public static String describe(String name, String memo) {
        if (name == null || memo == null) {
            return name != null ? name : memo;
        }
        String upperName = name.toUpperCase(Locale.ROOT);
        String upperMemo = memo.toUpperCase(Locale.ROOT);
        if (upperMemo.contains(upperName)) {
            return memo;
        }
        if (upperName.contains(upperMemo)) {
            return name;
        }
        return name + " / " + memo;
    }
}
