package com.personifi.ingest.mpesa;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.statement.Whitespace;
import com.personifi.ingest.statement.WrittenAmount;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;

/**
 * One row of an M-Pesa statement's detailed table, whether it came from the CSV or the PDF, turned into a
 * {@link StatementLine}: the same receipts, sourceRefs, skips and refusals whatever the file was. One instance per
 * statement, since repeated receipts are numbered in the order the statement lists them.
 */
final class MpesaRows {

    static final List<String> COLUMNS =
            List.of("Receipt No.", "Completion Time", "Details", "Transaction Status", "Paid In", "Withdrawn", "Balance");
    static final Pattern RECEIPT = Pattern.compile("[A-Z0-9]{10}");
    /** "254712345678 - JANE DOE", "2547*****678 JANE DOE", "600100 - ACME LTD": a number, then the name. */
    private static final Pattern NUMBERED_PARTY = Pattern.compile("\\+?[0-9][0-9* ]{3,}?\\s*(?:-\\s*)?(\\p{L}.*)");
    /** Strict: a lenient parser would quietly turn 2024-02-31 into 2024-02-29. */
    private static final List<DateTimeFormatter> TIME_FORMATS = List.of(
            "uuuu-MM-dd HH:mm:ss", "uuuu-MM-dd HH:mm", "dd/MM/uuuu HH:mm:ss", "dd/MM/uuuu HH:mm",
            "dd-MM-uuuu HH:mm:ss", "dd-MM-uuuu HH:mm").stream()
            .map(p -> DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT)).toList();

    private final Map<String, Integer> seenReceipts = new HashMap<>();

    /**
     * @param cells the row's columns in {@link #COLUMNS} order, each stripped
     * @param raw   the row as the file wrote it, for the person who reads a refusal
     */
    void read(int line, String raw, List<String> cells, StatementReader out) {
        read(line, raw, cells, null, null, out);
    }

    /**
     * A row of the business (Org portal) statement, which says more about each movement.
     *
     * @param otherParty the Other Party Info cell ("254712345678 - JANE DOE"), or null
     * @param linked     the Linked Transaction ID cell, or null
     */
    void read(int line, String raw, List<String> cells, String otherParty, String linked, StatementReader out) {
        if (cells.size() < COLUMNS.size()) {
            out.reject(line, raw, "Expected " + COLUMNS.size() + " columns, found " + cells.size());
            return;
        }
        String receipt = cells.get(0);
        if (!RECEIPT.matcher(receipt).matches()) {
            out.reject(line, raw, "Receipt No. must be 10 letters or digits, was '" + receipt + "'");
            return;
        }
        String status = cells.get(3);
        if (!"Completed".equalsIgnoreCase(status)) {
            out.skip(line, "Transaction Status is '" + status + "': no money moved");
            return;
        }
        try {
            LocalDateTime completedAt = parseTime(cells.get(1));
            String details = Whitespace.singleSpaced(cells.get(2)).strip();
            if (details.isEmpty()) {
                throw new IllegalArgumentException("Details is empty");
            }
            BigDecimal amount = signedAmount(cells.get(4), cells.get(5));
            BigDecimal balance = cells.get(6).isBlank() ? null : amount(cells.get(6), "Balance");
            MpesaDetails parsed = withOtherParty(MpesaDetails.parse(details), otherParty);
            String[] refs = sourceRefs(receipt, parentOf(receipt, parsed.kind(), linked), parsed.kind());
            out.accept(new StatementLine(line, receipt, refs[0], refs[1], completedAt, details, parsed, amount,
                    balance));
        } catch (IllegalArgumentException e) {
            out.reject(line, raw, e.getMessage());
        }
    }

    /**
     * One receipt can carry several movements: the transfer, its "… Charge" row and a Fuliza "OverDraft of Credit
     * Party" row share the receipt number. The charge becomes {@code receipt:fee} (the same id an SMS's
     * "Transaction cost" gets), the overdraft {@code receipt:overdraft}; anything else repeated is numbered.
     */
    private String[] sourceRefs(String receipt, String owner, MpesaDetails.Kind kind) {
        String base = switch (kind) {
            case CHARGE -> TransactionIds.feeSourceRef(owner);
            case OVERDRAFT -> owner + ":overdraft";
            default -> receipt;
        };
        int occurrence = seenReceipts.merge(base, 1, Integer::sum);
        String sourceRef = occurrence == 1 ? base : base + ":" + occurrence;
        String parent = base.equals(receipt) ? null : owner;
        return new String[] {sourceRef, parent};
    }

    /**
     * The receipt a charge belongs to: its own, which it shares with the transfer on the personal statement; or the
     * one its Linked Transaction ID names, where the business statement gives the charge a receipt of its own.
     */
    private static String parentOf(String receipt, MpesaDetails.Kind kind, String linked) {
        boolean linksElsewhere = linked != null && RECEIPT.matcher(linked).matches() && !linked.equals(receipt);
        return kind == MpesaDetails.Kind.CHARGE && linksElsewhere ? linked : receipt;
    }

    /**
     * The business statement names the other party in a column of its own ("254712345678 - JANE DOE",
     * "600100 - ACME LTD"): its name is the counterparty, its number is left out.
     */
    private static MpesaDetails withOtherParty(MpesaDetails parsed, String otherParty) {
        if (otherParty == null || otherParty.isBlank()) {
            return parsed;
        }
        Matcher numbered = NUMBERED_PARTY.matcher(otherParty.strip());
        String name = Whitespace.singleSpaced(numbered.matches() ? numbered.group(1) : otherParty).strip();
        if (name.isEmpty() || name.chars().noneMatch(Character::isLetter)) {
            return parsed;
        }
        return new MpesaDetails(parsed.kind(), name, parsed.merchantCode());
    }

    private static LocalDateTime parseTime(String text) {
        for (DateTimeFormatter format : TIME_FORMATS) {
            try {
                return LocalDateTime.parse(text.strip(), format);
            } catch (DateTimeParseException e) {
                // try the next layout
            }
        }
        throw new IllegalArgumentException("Completion Time '" + text + "' is not a date and time like 2024-01-31 13:05:00");
    }

    /** Paid In and Withdrawn are exclusive; Withdrawn is written with or without a minus sign. */
    private static BigDecimal signedAmount(String paidIn, String withdrawn) {
        boolean in = !paidIn.isBlank() && amount(paidIn, "Paid In").signum() != 0;
        boolean out = !withdrawn.isBlank() && amount(withdrawn, "Withdrawn").signum() != 0;
        if (in == out) {
            throw new IllegalArgumentException(in ? "Both Paid In and Withdrawn are filled"
                    : "Neither Paid In nor Withdrawn has an amount");
        }
        return in ? amount(paidIn, "Paid In").abs() : amount(withdrawn, "Withdrawn").abs().negate();
    }

    private static BigDecimal amount(String text, String column) {
        BigDecimal value;
        try {
            value = WrittenAmount.parse(text.strip().replace(",", ""), column, text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (value.scale() > 4) {
            throw new IllegalArgumentException(column + " '" + text + "' has more than 4 decimal places");
        }
        // NUMERIC(19,4): at most 15 digits before the decimal point
        if (!Money.fitsStorage(value)) {
            throw new IllegalArgumentException(column + " '" + text + "' is too large");
        }
        return value;
    }
}
