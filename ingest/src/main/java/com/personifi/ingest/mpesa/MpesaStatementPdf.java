package com.personifi.ingest.mpesa;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.StatementPasswordException;
import com.personifi.ingest.UnsupportedStatementException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The "M-PESA STATEMENT" PDF Safaricom sends, usually protected by the customer's ID number. Only the DETAILED
 * STATEMENT table is read (the title block and SUMMARY are not rows); each row becomes the same {@link StatementLine}
 * the CSV of the same statement gives, and the running Balance is checked row by row ({@link RunningBalance}).
 *
 * <p>The table is read from the text and where it stands on the page: a row starts with a receipt number and its
 * completion time, with the status, amounts and balance on that first line (cells are top-aligned); lines below it
 * that start inside the Details column continue its Details, on the next page too when the row breaks there. The
 * repeated column header is skipped, and a "Page N of M" footer or any line starting left of the Details column
 * (the disclaimer) closes the table until the next page's header.
 *
 * <p>Rows are numbered from 1 in the order the statement lists them, newest first; refusals carry that number.
 */
public final class MpesaStatementPdf {

    private static final String AMOUNT = "-?[0-9][0-9,]*(?:\\.[0-9]+)?";
    /** A receipt and something that starts like a date: the row is refused later if the date does not parse. */
    private static final Pattern ROW_START = Pattern.compile(
            "^([A-Z0-9]{10})\\s+(\\d\\S*(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?)(?:\\s+(.*))?$");
    /** What ends the first line of a row: Transaction Status, then Paid In and/or Withdrawn, then Balance. */
    private static final Pattern ROW_TAIL = Pattern.compile(
            "^(?:(.*?)\\s+)?([A-Za-z]+)\\s+(" + AMOUNT + ")(?:\\s+(" + AMOUNT + "))?(?:\\s+(" + AMOUNT + "))?$");
    private static final Pattern PAGE_FOOTER = Pattern.compile("\\bPage\\s+\\d+\\s+of\\s+\\d+\\b",
            Pattern.CASE_INSENSITIVE);
    /** The column header, whole or as what is left of it when a heading wraps onto a second line. */
    private static final Set<String> HEADER_WORDS = Set.of("receipt", "no.", "completion", "time", "details",
            "transaction", "status", "paid", "in", "withdrawn", "balance");
    /** Text is placed to the point; this much slack keeps a wrapped line in its column. */
    private static final float SLACK = 2f;

    private MpesaStatementPdf() {
    }

    public static boolean looksLikePdf(String head) {
        return head.startsWith("%PDF-");
    }

    /**
     * @param password the statement's password, or null or empty when it has none; the caller clears it
     * @throws StatementPasswordException when the PDF is protected and the password is missing or wrong
     * @throws UnsupportedStatementException when the PDF cannot be read or has no M-Pesa detailed statement
     */
    public static void read(InputStream pdf, char[] password, StatementReader out) {
        RunningBalance rows = new RunningBalance();
        try (PDDocument document = open(pdf, password)) {
            DetailedTable table = new DetailedTable(rows);
            table.setSortByPosition(true);
            table.writeText(document, Writer.nullWriter());
            table.finish();
        } catch (IOException e) {
            // the whole file is in memory: what fails now is a page whose content PDFBox cannot parse
            throw new UnsupportedStatementException("The PDF cannot be read: " + e.getMessage());
        }
        rows.finish(out);
    }

    /**
     * In memory: a statement is a few hundred kilobytes, and no copy of it lands on disk. PDFBox takes the password
     * as a String, so the copy lives only for this call.
     */
    private static PDDocument open(InputStream pdf, char[] password) throws IOException {
        boolean given = password != null && password.length > 0;
        try {
            return Loader.loadPDF(new RandomAccessReadBuffer(pdf), given ? new String(password) : "");
        } catch (InvalidPasswordException e) {
            // PDFBox's own message is not passed on: the user's password has no place in a message or a log
            throw new StatementPasswordException(given);
        } catch (IOException e) {
            throw new UnsupportedStatementException("The PDF cannot be read: " + e.getMessage());
        }
    }

    /** A run of text as PDFBox found it, with where each character starts across the page. */
    private record Run(String text, float[] x) {

        static Run of(String text, List<TextPosition> positions) {
            float[] x = new float[text.length()];
            for (int i = 0; i < x.length; i++) {
                // ligatures and combined marks make the counts differ: then the run's start stands for all
                TextPosition at = positions.size() == text.length() ? positions.get(i) : positions.get(0);
                x[i] = at.getXDirAdj();
            }
            return new Run(text, x);
        }
    }

    /** One line of a page: its runs joined by single spaces, and where any character of it stands. */
    private record Line(String text, float[] x) {

        static Line of(List<Run> runs) {
            StringBuilder text = new StringBuilder();
            float[] x = new float[runs.stream().mapToInt(r -> r.text().length() + 1).sum()];
            for (Run run : runs) {
                if (!text.isEmpty()) {
                    x[text.length()] = run.x().length > 0 ? run.x()[0] : 0;
                    text.append(' ');
                }
                System.arraycopy(run.x(), 0, x, text.length(), run.x().length);
                text.append(run.text());
            }
            return new Line(text.toString(), x);
        }

        float start() {
            int first = 0;
            while (first < text.length() - 1 && Character.isWhitespace(text.charAt(first))) {
                first++;
            }
            return x[first];
        }

        float xAt(int index) {
            return x[Math.min(index, text.length() - 1)];
        }
    }

    /** A row being put together from its first line and the Details lines that follow it. */
    private static final class OpenRow {
        final int number;
        final StringBuilder raw;
        final StringBuilder details = new StringBuilder();
        String receipt;
        String time;
        String status;
        String paidIn = "";
        String withdrawn = "";
        String balance = "";
        /** Why the row cannot be read, or null. */
        String problem;

        OpenRow(int number, String firstLine) {
            this.number = number;
            this.raw = new StringBuilder(firstLine);
        }

        void continueDetails(String text) {
            raw.append(' ').append(text);
            details.append(details.isEmpty() ? "" : " ").append(text);
        }
    }

    /** Turns the pages' lines into rows, page by page, as PDFBox extracts them. */
    private static final class DetailedTable extends PDFTextStripper {
        private final RunningBalance rows;
        private final List<Run> runs = new ArrayList<>();
        private boolean inTable;
        private boolean sawTable;
        private int rowCount;
        private OpenRow open;
        /** Where the Details column and the Transaction Status column start, as the rows place them. */
        private float detailsX = Float.NaN;
        private float statusX = Float.NaN;
        private float receiptX = Float.NaN;

        DetailedTable(RunningBalance rows) {
            this.rows = rows;
        }

        @Override
        protected void startPage(PDPage page) {
            runs.clear();
            inTable = false;
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) {
            if (!positions.isEmpty() && !text.isEmpty()) {
                runs.add(Run.of(text, positions));
            }
        }

        @Override
        protected void writeLineSeparator() {
            endLine();
        }

        @Override
        protected void endPage(PDPage page) {
            endLine();
        }

        private void endLine() {
            if (runs.isEmpty()) {
                return;
            }
            Line line = Line.of(runs);
            runs.clear();
            if (!line.text().isBlank()) {
                read(line);
            }
        }

        private void read(Line line) {
            String text = line.text().strip();
            if (PAGE_FOOTER.matcher(text).find()) {
                inTable = false;
                return;
            }
            if (!inTable) {
                // the title block, the SUMMARY and the page header all come before the column header
                if (text.startsWith("Receipt No")) {
                    inTable = true;
                    sawTable = true;
                }
                return;
            }
            if (isHeader(text)) {
                return;
            }
            Matcher row = ROW_START.matcher(text);
            if (row.matches()) {
                startRow(line, row);
            } else if (open != null && continuesDetails(line)) {
                open.continueDetails(text);
            } else {
                inTable = false;
            }
        }

        private static boolean isHeader(String text) {
            for (String word : text.toLowerCase().split("\\s+")) {
                if (!HEADER_WORDS.contains(word)) {
                    return false;
                }
            }
            return true;
        }

        private boolean continuesDetails(Line line) {
            float start = line.start();
            float left = !Float.isNaN(detailsX) ? detailsX - SLACK : receiptX + SLACK;
            return start >= left && (Float.isNaN(statusX) || start < statusX - SLACK);
        }

        private void startRow(Line line, Matcher row) {
            finishRow();
            String text = line.text().strip();
            int offset = line.text().indexOf(text);
            open = new OpenRow(++rowCount, text);
            open.receipt = row.group(1);
            open.time = row.group(2);
            receiptX = line.xAt(offset + row.start(1));
            String rest = row.group(3) == null ? "" : row.group(3);
            Matcher tail = ROW_TAIL.matcher(rest);
            if (!tail.matches()) {
                open.problem = "Cannot find Transaction Status, Paid In or Withdrawn, and Balance on this row";
                return;
            }
            int restAt = offset + row.start(3);
            if (tail.group(1) != null) {
                open.details.append(tail.group(1));
                detailsX = line.xAt(restAt + tail.start(1));
            }
            statusX = line.xAt(restAt + tail.start(2));
            open.status = tail.group(2);
            if (tail.group(5) != null) {
                open.paidIn = tail.group(3);
                open.withdrawn = tail.group(4);
                open.balance = tail.group(5);
            } else if (tail.group(4) != null) {
                // one amount and the balance: Withdrawn is the one written negative
                if (tail.group(3).startsWith("-")) {
                    open.withdrawn = tail.group(3);
                } else {
                    open.paidIn = tail.group(3);
                }
                open.balance = tail.group(4);
            } else {
                open.problem = "Expected an amount and a Balance after the Transaction Status, found only '"
                        + tail.group(3) + "'";
            }
        }

        private void finishRow() {
            if (open == null) {
                return;
            }
            OpenRow row = open;
            open = null;
            if (row.problem != null) {
                rows.reject(row.number, row.raw.toString(), row.problem);
                return;
            }
            rows.row(row.number, row.raw.toString(), List.of(row.receipt, row.time, row.details.toString().strip(),
                    row.status, row.paidIn, row.withdrawn, row.balance));
        }

        void finish() {
            finishRow();
            if (!sawTable) {
                throw new UnsupportedStatementException("This PDF has no M-Pesa DETAILED STATEMENT table (Receipt No. "
                        + "| Completion Time | Details | Transaction Status | Paid In | Withdrawn | Balance)");
            }
        }
    }
}
