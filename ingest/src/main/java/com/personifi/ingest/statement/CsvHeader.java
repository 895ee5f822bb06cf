package com.personifi.ingest.statement;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The header row of a CSV statement, so that columns are found by name and not by position: operators reorder, add
 * and rename columns from one portal, country or year to the next. Names are compared without case, dots, quotes,
 * underscores, a byte-order mark or extra spacing ("Receipt No." is {@code receipt no}, "Date / Time" is
 * {@code date/time}). The delimiter is whichever of comma, semicolon or tab the header line uses most, since
 * spreadsheets set to a French or Portuguese locale save with semicolons.
 */
public final class CsvHeader {

    private static final char[] DELIMITERS = {',', ';', '\t'};

    private final char delimiter;
    private final List<String> names;

    private CsvHeader(char delimiter, List<String> names) {
        this.delimiter = delimiter;
        this.names = names;
    }

    /** The line read as a header, or empty when it is not a line of CSV cells at all. */
    public static Optional<CsvHeader> of(String line) {
        if (line == null || line.isBlank()) {
            return Optional.empty();
        }
        char delimiter = delimiterOf(line);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(line)).setFormat(format).get()) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                return Optional.empty();
            }
            return Optional.of(new CsvHeader(delimiter, records.get(0).stream().map(CsvHeader::normalize).toList()));
        } catch (IOException | RuntimeException e) {
            // unbalanced quotes and the like: a title or preamble line, not a header
            return Optional.empty();
        }
    }

    /** How a column name is compared: "  Receipt No. " and "receipt no" are the same column. */
    public static String normalize(String name) {
        return name.replace("\uFEFF", "").replace("\"", "").replace(".", "").replace('_', ' ')
                .replaceAll("\\s*/\\s*", "/").replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    /** The delimiter that separates the most cells of the line, outside quotes; a comma when none does. */
    static char delimiterOf(String line) {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            for (int d = 0; d < DELIMITERS.length && !quoted; d++) {
                if (c == DELIMITERS[d]) {
                    counts[d]++;
                }
            }
        }
        int best = 0;
        for (int d = 1; d < DELIMITERS.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return DELIMITERS[best];
    }

    public char delimiter() {
        return delimiter;
    }

    public int size() {
        return names.size();
    }

    /** The position of the first column with any of these names (given normalized), or -1. */
    public int indexOf(String... wanted) {
        for (String name : wanted) {
            int index = names.indexOf(name);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }

    /** The position of the first column with this name after position {@code after}, or -1. */
    public int indexAfter(String name, int after) {
        for (int i = Math.max(0, after + 1); i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(String... wanted) {
        return indexOf(wanted) >= 0;
    }

    /** The format that reads the rows under this header. */
    public CSVFormat format() {
        return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true).setIgnoreEmptyLines(false).get();
    }
}
