package com.personifi.schemas;

import java.time.LocalDate;

/**
 * Key of {@link Topics#FX_RATES}: {@code BASE|QUOTE|yyyy-MM-dd}. ISO dates sort as text, so a store ordered by
 * this key finds the latest rate on or before a date with one reverse range scan.
 */
public final class FxRateKey {

    private FxRateKey() {
    }

    public static String of(String base, String quote, LocalDate date) {
        return pairPrefix(base, quote) + date;
    }

    /** Every key of one currency pair starts with this. */
    public static String pairPrefix(String base, String quote) {
        return base + "|" + quote + "|";
    }
}
