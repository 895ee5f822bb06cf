package com.personifi.ingest.statement.wallet;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Whether a wallet row brought money in or took it out, for exports that write amounts without a sign. */
enum Direction {

    IN, OUT;

    private static final Set<String> IN_MARKERS = Set.of("credit", "cr", "c", "in", "incoming", "received", "+");
    private static final Set<String> OUT_MARKERS = Set.of("debit", "dr", "d", "out", "outgoing", "sent", "-");
    /** Checked first: "Payment received" is money in. */
    private static final Pattern IN_WORDS = Pattern.compile("(?i)\\b(?:received|receive|deposit(?:ed)?|cash ?in"
            + "|refund(?:ed)?|credited|incoming|salary|disbursement|loan received)\\b");
    private static final Pattern OUT_WORDS = Pattern.compile("(?i)\\b(?:sent|send|paid|pay|payment|pay bill|bill"
            + "|withdraw(?:al|n)?|cash ?out|airtime|bundles?|purchase|bought|buy|outgoing|transfer to|debited"
            + "|merchant|repayment)\\b");

    /** The amount, unsigned as written or not, with this direction's sign. */
    BigDecimal apply(BigDecimal amount) {
        return this == IN ? amount.abs() : amount.abs().negate();
    }

    /** A Credit/Debit (or Dr/Cr) cell; null when it says neither. */
    static Direction ofMarker(String text) {
        String marker = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (IN_MARKERS.contains(marker)) {
            return IN;
        }
        return OUT_MARKERS.contains(marker) ? OUT : null;
    }

    /** What the words of a type or description say, the first text that says something; null when none does. */
    static Direction ofWords(String... texts) {
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            String words = text.replace('_', ' ');
            if (IN_WORDS.matcher(words).find()) {
                return IN;
            }
            if (OUT_WORDS.matcher(words).find()) {
                return OUT;
            }
        }
        return null;
    }
}
