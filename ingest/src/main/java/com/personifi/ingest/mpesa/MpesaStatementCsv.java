package com.personifi.ingest.mpesa;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.personifi.ingest.statement.CsvHeader;
import com.personifi.ingest.statement.CsvTable;

/**
 * The M-Pesa statement CSV, read by column name. Two exports are read:
 * <ul>
 *   <li>the personal statement: {@code Receipt No., Completion Time, Details, Transaction Status, Paid In, Withdrawn,
 *       Balance}, after a few title lines;</li>
 *   <li>the business (M-Pesa Org portal) statement: the same columns in its own order with {@code Initiation Time,
 *       Balance Confirmed, Reason Type, Other Party Info, Linked Transaction ID, A/C No.} among them, after lines
 *       naming the organisation, short code, account, time period, operator and balances. Its dates are day-first
 *       ({@code 10-10-2025 14:05:00}). {@code Other Party Info} ("254712345678 - JANE DOE", "600100 - ACME LTD")
 *       gives the counterparty's name, never its number; a charge row whose {@code Linked Transaction ID} names
 *       another receipt is that receipt's fee.</li>
 * </ul>
 * The business layout is the one of Safaricom's Org portal statement export as parsers of real exports published on
 * GitHub read it; no export was copied. Both go through {@link MpesaRows}: the same receipts, sourceRefs, charges,
 * skips and refusals whatever the file was. Reads row by row from a stream, never the whole file. Each bad row is
 * reported on its own line and the rest go on.
 */
public final class MpesaStatementCsv {

    public static final List<String> HEADER = MpesaRows.COLUMNS;

    /** Lines before the header that may be skipped (titles, customer or organisation, period, balances). */
    private static final int MAX_PREAMBLE_LINES = 20;

    private static final String[] RECEIPT = {"receipt no", "receipt number", "receipt"};
    private static final String[] COMPLETED = {"completion time"};
    private static final String[] DETAILS = {"details"};
    private static final String[] STATUS = {"transaction status"};
    private static final String[] PAID_IN = {"paid in"};
    private static final String[] WITHDRAWN = {"withdrawn"};
    private static final String[] BALANCE = {"balance"};
    private static final String[] OTHER_PARTY = {"other party info", "other party"};
    private static final String[] LINKED = {"linked transaction id"};
    private static final String[] REASON = {"reason type"};

    private MpesaStatementCsv() {
    }

    /** True when the text starts (after an optional preamble) with a personal or business M-Pesa statement header. */
    public static boolean looksLikeMpesaCsv(String head) {
        return CsvTable.hasHeader(head, MAX_PREAMBLE_LINES, MpesaStatementCsv::isHeader);
    }

    private static boolean isHeader(CsvHeader header) {
        return header.has(RECEIPT) && header.has(COMPLETED) && header.has(DETAILS) && header.has(STATUS)
                && header.has(PAID_IN) && header.has(WITHDRAWN);
    }

    public static void read(Reader source, StatementReader out) {
        try (BufferedReader reader = new BufferedReader(source, 1 << 16)) {
            CsvTable table = CsvTable.open(reader, MAX_PREAMBLE_LINES, MpesaStatementCsv::isHeader,
                    "No M-Pesa statement header (" + String.join(",", HEADER) + ") in the first "
                            + MAX_PREAMBLE_LINES + " lines");
            Columns columns = new Columns(table.header());
            MpesaRows rows = new MpesaRows();
            table.forEachRow((line, raw, cells) -> columns.read(line, raw, cells, rows, out));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read M-Pesa statement", e);
        }
    }

    /** Where this file keeps each of {@link MpesaRows#COLUMNS} and the business columns. */
    private static final class Columns {

        private final int[] positions;
        private final int otherParty;
        private final int linked;
        private final int reason;

        Columns(CsvHeader header) {
            positions = new int[] {header.indexOf(RECEIPT), header.indexOf(COMPLETED), header.indexOf(DETAILS),
                    header.indexOf(STATUS), header.indexOf(PAID_IN), header.indexOf(WITHDRAWN),
                    header.indexOf(BALANCE)};
            otherParty = header.indexOf(OTHER_PARTY);
            linked = header.indexOf(LINKED);
            reason = header.indexOf(REASON);
        }

        void read(int line, String raw, List<String> cells, MpesaRows rows, StatementReader out) {
            int needed = 0;
            for (int position : positions) {
                needed = Math.max(needed, position + 1);
            }
            if (cells.size() < needed) {
                out.reject(line, raw, "Expected " + needed + " columns, found " + cells.size());
                return;
            }
            List<String> ordered = new ArrayList<>(positions.length);
            for (int position : positions) {
                ordered.add(cell(cells, position));
            }
            // a business row without Details still says what it was in its Reason Type
            if (ordered.get(2).isBlank()) {
                ordered.set(2, cell(cells, reason));
            }
            rows.read(line, raw, ordered, cell(cells, otherParty), cell(cells, linked), out);
        }

        private static String cell(List<String> cells, int index) {
            return index >= 0 && index < cells.size() ? cells.get(index).strip() : "";
        }
    }
}
