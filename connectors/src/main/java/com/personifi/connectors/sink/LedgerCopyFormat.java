package com.personifi.connectors.sink;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.personifi.schemas.events.EnrichedTransaction;

/**
 * Writes enriched transactions as lines of PostgreSQL's COPY text format, in the column order of {@link #COLUMNS}.
 * COPY is the fastest way into PostgreSQL; this is the one place that knows how a transaction looks on that wire.
 */
final class LedgerCopyFormat {

    /** Every column the stream decides; the others (notes, deleted_at, …) belong to people and keep their defaults. */
    static final String COLUMNS = "id, user_id, account_id, source_ref, source, occurred_at, local_date, amount, "
            + "currency, description, counterparty, merchant_code, balance, parent_id, import_job_id, category, "
            + "category_source, category_confidence, base_currency, amount_in_base, fx_rate, fx_rate_date, "
            + "fx_rate_status, tags";

    private static final String NULL = "\\N";

    private LedgerCopyFormat() {
    }

    static void appendLine(EnrichedTransaction t, StringBuilder out) {
        text(out, t.getId());
        text(out.append('\t'), t.getUserId());
        text(out.append('\t'), t.getAccountId());
        text(out.append('\t'), t.getSourceRef());
        text(out.append('\t'), t.getSource().name());
        instant(out.append('\t'), t.getOccurredAt());
        date(out.append('\t'), t.getLocalDate());
        decimal(out.append('\t'), t.getAmount());
        text(out.append('\t'), t.getCurrency());
        text(out.append('\t'), t.getDescription());
        text(out.append('\t'), t.getCounterparty());
        text(out.append('\t'), t.getMerchantCode());
        decimal(out.append('\t'), t.getBalance());
        text(out.append('\t'), t.getParentId());
        text(out.append('\t'), t.getImportJobId());
        text(out.append('\t'), t.getCategory());
        text(out.append('\t'), t.getCategorySource().name());
        out.append('\t').append(t.getCategoryConfidence());
        text(out.append('\t'), t.getBaseCurrency());
        decimal(out.append('\t'), t.getAmountInBase());
        decimal(out.append('\t'), t.getFxRate());
        date(out.append('\t'), t.getFxRateDate());
        text(out.append('\t'), t.getFxRateStatus().name());
        tags(out.append('\t'), t.getTags());
        out.append('\n');
    }

    private static void text(StringBuilder out, CharSequence value) {
        if (value == null) {
            out.append(NULL);
            return;
        }
        // most text needs no escaping: copied whole, which costs a fraction of appending it char by char
        int plain = 0;
        while (plain < value.length() && !special(value.charAt(plain))) {
            plain++;
        }
        if (plain == value.length()) {
            out.append(value);
            return;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                // PostgreSQL text cannot hold NUL; the rest of the text is still worth keeping
                case '\0' -> { }
                default -> out.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
    }

    /** Plain digits, never exponent notation: COPY reads "1E+3" as a number too, but a person reading logs would not. */
    private static void decimal(StringBuilder out, BigDecimal value) {
        out.append(value == null ? NULL : value.toPlainString());
    }

    private static void instant(StringBuilder out, Instant value) {
        out.append(value);
    }

    private static void date(StringBuilder out, LocalDate value) {
        out.append(value == null ? NULL : value.toString());
    }

    /** A text[] literal ({"a","b"}) with each element quoted, then escaped once more for COPY. */
    private static void tags(StringBuilder out, List<? extends CharSequence> tags) {
        StringBuilder array = new StringBuilder(2 + tags.size() * 16).append('{');
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                array.append(',');
            }
            array.append('"');
            CharSequence tag = tags.get(i);
            for (int j = 0; j < tag.length(); j++) {
                char c = tag.charAt(j);
                if (c == '"' || c == '\\') {
                    array.append('\\');
                }
                array.append(c);
            }
            array.append('"');
        }
        text(out, array.append('}'));
    }
}
