package com.personifi.ingest.statement.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import com.personifi.ingest.statement.UnreadableStatementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A file's header row, found where its profile says: on line {@code headerRow}, or as the first of the first
 * {@value #SEARCH_LINES} lines whose cells are the profile's {@code headerSignature}. The lines before it are read
 * as plain lines (a bank's preamble is not always valid CSV) and dropped.
 */
final class HeaderLine {

    /** How far down a preamble may push the header; banks put a dozen lines at most above it. */
    static final int SEARCH_LINES = 30;
    private static final int SHOWN = 200;

    private final int line;
    private final List<String> cells;
    private final List<String> normalized;

    private HeaderLine(int line, List<String> cells) {
        this.line = line;
        this.cells = cells;
        this.normalized = cells.stream().map(HeaderLine::normalize).toList();
    }

    /** The line the header is on, counting from 1. */
    int line() {
        return line;
    }

    /** Its cells as written, trimmed. */
    List<String> cells() {
        return cells;
    }

    /** Where a column of this name is, compared as {@link #normalize(String)} does; -1 if nowhere. */
    int indexOf(String name) {
        return normalized.indexOf(normalize(name));
    }

    /**
     * Reads the lines up to and including the header row, leaving the reader at the first line after it.
     *
     * @throws UnreadableStatementException when the header is not where the profile says, naming what was found
     */
    static HeaderLine find(BufferedReader reader, BankCsvProfile profile) throws IOException {
        CSVFormat format = profile.csvFormat();
        List<String> signature = profile.headerSignature() == null ? null : normalized(profile.headerSignature());
        Integer row = profile.headerRow();
        int last = row != null ? row : SEARCH_LINES;
        for (int line = 1; line <= last; line++) {
            String text = reader.readLine();
            if (text == null) {
                break;
            }
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (row != null && line < row) {
                continue;
            }
            List<String> cells = cells(text, format);
            if (cells != null && (signature == null || normalized(cells).equals(signature))) {
                return new HeaderLine(line, cells);
            }
            if (row != null) {
                throw new UnreadableStatementException(signature == null
                        ? "Line " + row + ", where this profile expects its header row, is not valid CSV: "
                                + shown(text)
                        : "Line " + row + " is not the header row this profile expects ("
                                + shown(profile.headerSignature()) + "); it reads: " + shown(text));
            }
        }
        if (row != null) {
            throw new UnreadableStatementException("The file ends before line " + row
                    + ", where this profile expects its header row");
        }
        throw new UnreadableStatementException("No header row like " + shown(profile.headerSignature())
                + " in the first " + SEARCH_LINES + " lines: is the file from the bank this profile is for?");
    }

    /** One line's cells, trimmed; null if the line is not valid CSV on its own. */
    static List<String> cells(String line, CSVFormat format) {
        try (CSVParser parser = CSVParser.parse(line, format)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return List.of();
            }
            return records.next().toList().stream().map(String::strip).toList();
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** Header cells as compared: whitespace runs as one space, trimmed, lower case; trailing empty cells dropped. */
    static List<String> normalized(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        cells.forEach(cell -> out.add(normalize(cell)));
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    static String normalize(String cell) {
        return cell == null ? "" : cell.replaceAll("[\\s\\u00A0\\u202F]+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static String shown(List<String> cells) {
        return shown(String.join(", ", cells.stream().map(c -> c == null ? "" : c).toList()));
    }

    private static String shown(String text) {
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
    }
}
