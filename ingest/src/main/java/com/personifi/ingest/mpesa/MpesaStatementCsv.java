package com.personifi.ingest.mpesa;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;

import com.personifi.ingest.statement.UnreadableStatementException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The M-Pesa statement CSV ({@code Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance}).
 * Reads row by row from a stream, never the whole file. Each bad row is reported on its own line and the rest go on.
 */
public final class MpesaStatementCsv {

    public static final List<String> HEADER = MpesaRows.COLUMNS;

    /** Lines before the header that may be skipped (titles, customer name, statement period). */
    private static final int MAX_PREAMBLE_LINES = 20;

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
            MpesaRows rows = new MpesaRows();
            try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
                long previousEnd = headerLine;
                for (CSVRecord record : parser) {
                    // the physical line a row starts on, for errors people can find in the file
                    int line = (int) previousEnd + 1;
                    previousEnd = headerLine + parser.getCurrentLineNumber();
                    List<String> cells = record.toList();
                    rows.read(line, String.join(",", cells), cells, out);
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
}
