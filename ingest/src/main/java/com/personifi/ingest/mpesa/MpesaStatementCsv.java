package com.personifi.ingest.mpesa;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.personifi.ingest.statement.UnreadableStatementException;
import com.personifi.schemas.ids.TransactionIds;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The M-Pesa statement CSV ({@code Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance}).
 * Reads row by row from a stream, never the whole file. Each bad row is reported on its own line and the rest go on.
 */
public final class MpesaStatementCsv {

    public static final List<String> HEADER =
            List.of("Receipt No.", "Completion Time", "Details", "Transaction Status", "Paid In", "Withdrawn", "Balance");

    /** Lines before the header that may be skipped (titles, customer name, statement period). */
    private static final int MAX_PREAMBLE_LINES = 20;
    private static final Pattern RECEIPT = Pattern.compile("[A-Z0-9]{10}");
    /** Strict: a lenient parser would quietly turn 2024-02-31 into 2024-02-29. */
    private static final List<DateTimeFormatter> TIME_FORMATS = List.of(
            "uuuu-MM-dd HH:mm:ss", "uuuu-MM-dd HH:mm", "dd/MM/uuuu HH:mm:ss", "dd/MM/uuuu HH:mm").stream()
            .map(p -> DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT)).toList();

    private MpesaStatementCsv() {
    }

    /** True when the text starts (after an optional preamble) with the M-Pesa statement header. */
    public static boolean looksLikeMpesaCsv(String head) {
        return head.lines().limit(MAX_PREAMBLE_LINES).anyMatch(MpesaStatementCsv::isHeader);
    }

    private static boolean isHeader(String line) {
        return stripBom(line).startsWith("Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn");
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    public static void read(Reader source, StatementReader out) {
        try (BufferedReader reader = new BufferedReader(source, 1 << 16)) {
            int headerLine = skipToHeader(reader);
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new))
                    .setIgnoreEmptyLines(true).setTrim(true).get();
            Map<String, Integer> seenReceipts = new HashMap<>();
            try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
                long previousEnd = headerLine;
                for (CSVRecord record : parser) {
                    // the physical line a row starts on, for errors people can find in the file
                    int line = (int) previousEnd + 1;
                    previousEnd = headerLine + parser.getCurrentLineNumber();
                    readRow(record, line, seenReceipts, out);
                }
            } catch (UncheckedIOException e) {
                // broken quoting leaves the parser unable to tell where any later row starts: nothing is imported
                if (e.getCause() instanceof CSVException malformed) {
                    throw new UnreadableStatementException("The CSV is malformed after line " + headerLine + ": "
                            + malformed.getMessage(), malformed);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read M-Pesa statement", e);
        }
    }

    private static int skipToHeader(BufferedReader reader) throws IOException {
        for (int line = 1; line <= MAX_PREAMBLE_LINES; line++) {
            String text = reader.readLine();
            if (text == null) {
                break;
            }
            if (isHeader(text)) {
                return line;
            }
        }
        throw new UnreadableStatementException("No M-Pesa statement header (" + String.join(",", HEADER)
                + ") in the first " + MAX_PREAMBLE_LINES + " lines");
    }

    private static void readRow(CSVRecord record, int line, Map<String, Integer> seenReceipts, StatementReader out) {
        String raw = String.join(",", record.toList());
        if (record.size() < HEADER.size()) {
            out.reject(line, raw, "Expected " + HEADER.size() + " columns, found " + record.size());
            return;
        }
        String receipt = record.get(0);
        if (!RECEIPT.matcher(receipt).matches()) {
            out.reject(line, raw, "Receipt No. must be 10 letters or digits, was '" + receipt + "'");
            return;
        }
        String status = record.get(3);
        if (!"Completed".equalsIgnoreCase(status)) {
            out.skip(line, "Transaction Status is '" + status + "': no money moved");
            return;
        }
        try {
            LocalDateTime completedAt = parseTime(record.get(1));
            String details = record.get(2).replaceAll("\\s+", " ").strip();
            if (details.isEmpty()) {
                throw new IllegalArgumentException("Details is empty");
            }
            BigDecimal amount = signedAmount(record.get(4), record.get(5));
            BigDecimal balance = record.get(6).isBlank() ? null : amount(record.get(6), "Balance");
            MpesaDetails parsed = MpesaDetails.parse(details);
            String[] refs = sourceRefs(receipt, parsed.kind(), seenReceipts);
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
    private static String[] sourceRefs(String receipt, MpesaDetails.Kind kind, Map<String, Integer> seen) {
        String base = switch (kind) {
            case CHARGE -> TransactionIds.feeSourceRef(receipt);
            case OVERDRAFT -> receipt + ":overdraft";
            default -> receipt;
        };
        int occurrence = seen.merge(base, 1, Integer::sum);
        String sourceRef = occurrence == 1 ? base : base + ":" + occurrence;
        String parent = base.equals(receipt) ? null : receipt;
        return new String[] {sourceRef, parent};
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
        String cleaned = text.strip().replace(",", "");
        try {
            BigDecimal value = new BigDecimal(cleaned);
            if (value.scale() > 4) {
                throw new IllegalArgumentException(column + " '" + text + "' has more than 4 decimal places");
            }
            // NUMERIC(19,4): at most 15 digits before the decimal point
            if (value.setScale(4).precision() > 19) {
                throw new IllegalArgumentException(column + " '" + text + "' is too large");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not an amount");
        }
    }
}
