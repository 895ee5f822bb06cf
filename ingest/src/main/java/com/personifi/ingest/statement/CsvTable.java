package com.personifi.ingest.statement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The table of a CSV statement: the lines before its header (titles, account holder, statement period, balances)
 * are passed over, then its rows are handed on one at a time with the physical line each starts on, so that a
 * refusal names a line people can find in the file. Blank lines are passed over without a word.
 */
public final class CsvTable {

    /** Where a statement parser sends each row of the table. */
    @FunctionalInterface
    public interface RowReader {

        /**
         * @param raw   the row's cells joined again, for the person who reads a refusal
         * @param cells the row's cells, each stripped
         */
        void row(int line, String raw, List<String> cells);
    }

    private final BufferedReader reader;
    private final CsvHeader header;
    private final int headerLine;

    private CsvTable(BufferedReader reader, CsvHeader header, int headerLine) {
        this.reader = reader;
        this.header = header;
        this.headerLine = headerLine;
    }

    /**
     * Reads up to {@code maxPreambleLines} lines looking for the header.
     *
     * @param missing what the refusal says when no line of the preamble is the header
     * @throws UnreadableStatementException when none is
     */
    public static CsvTable open(BufferedReader reader, int maxPreambleLines, Predicate<CsvHeader> isHeader,
                                String missing) throws IOException {
        for (int line = 1; line <= maxPreambleLines; line++) {
            String text = reader.readLine();
            if (text == null) {
                break;
            }
            Optional<CsvHeader> header = CsvHeader.of(text).filter(isHeader);
            if (header.isPresent()) {
                return new CsvTable(reader, header.get(), line);
            }
        }
        throw new UnreadableStatementException(missing);
    }

    /** True when one of the first {@code maxLines} lines of the text is a header that {@code isHeader} accepts. */
    public static boolean hasHeader(String head, int maxLines, Predicate<CsvHeader> isHeader) {
        return head.lines().limit(maxLines).map(CsvHeader::of).flatMap(Optional::stream).anyMatch(isHeader);
    }

    public CsvHeader header() {
        return header;
    }

    public int headerLine() {
        return headerLine;
    }

    /**
     * Hands every row on to {@code out}. Broken quoting leaves the parser unable to tell where any later row starts,
     * so it refuses the whole file rather than guess.
     *
     * @throws UnreadableStatementException on broken quoting
     */
    public void forEachRow(RowReader out) throws IOException {
        String delimiter = String.valueOf(header.delimiter());
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(header.format()).get()) {
            long previousEnd = headerLine;
            for (CSVRecord record : parser) {
                int line = (int) previousEnd + 1;
                previousEnd = headerLine + parser.getCurrentLineNumber();
                List<String> cells = record.toList();
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                out.row(line, String.join(delimiter, cells), cells);
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException malformed) {
                throw new UnreadableStatementException("The CSV is malformed after line " + headerLine + ": "
                        + malformed.getMessage(), malformed);
            }
            throw e;
        }
    }
}
