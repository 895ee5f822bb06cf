package com.personifi.ingest.mpesa;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an M-Pesa statement's Balance column row by row: going from the oldest row to the newest, the balance
 * written before a row plus the row's movement must be the balance written on it (charges and Fuliza overdrafts are
 * rows of their own, so they add up too). The detailed table lists the newest row first, so what the rows say is
 * held until the statement ends, then handed on in the statement's own order with each mismatch reported right after
 * the row it is on. A statement is a few thousand rows at most.
 *
 * <p>A mismatch is reported, never a reason to drop the row: the movement happened whatever the balance says, and a
 * statement that does not add up is something the user should see, not money that quietly disappears.
 */
final class RunningBalance implements StatementReader {

    private sealed interface Row permits Accepted, Skipped, Rejected {
    }

    private record Accepted(StatementLine line, String raw) implements Row {
    }

    private record Skipped(int line, String reason) implements Row {
    }

    private record Rejected(int line, String raw, String reason) implements Row {
    }

    private final MpesaRows rows = new MpesaRows();
    /** Newest first, as the statement lists them. */
    private final List<Row> read = new ArrayList<>();
    private String raw;

    void row(int line, String raw, List<String> cells) {
        this.raw = raw;
        rows.read(line, raw, cells, this);
    }

    @Override
    public void accept(StatementLine line) {
        read.add(new Accepted(line, raw));
    }

    @Override
    public void skip(int line, String reason) {
        read.add(new Skipped(line, reason));
    }

    @Override
    public void reject(int line, String rawText, String reason) {
        read.add(new Rejected(line, rawText, reason));
    }

    /** Hands every row on to {@code out} in the statement's order, each balance mismatch after its row. */
    void finish(StatementReader out) {
        String[] mismatches = reconcile();
        for (int i = 0; i < read.size(); i++) {
            Row row = read.get(i);
            if (row instanceof Accepted a) {
                out.accept(a.line());
                if (mismatches[i] != null) {
                    out.reject(a.line().line(), a.raw(), mismatches[i]);
                }
            } else if (row instanceof Skipped s) {
                out.skip(s.line(), s.reason());
            } else if (row instanceof Rejected r) {
                out.reject(r.line(), r.raw(), r.reason());
            }
        }
        read.clear();
    }

    /**
     * Oldest to newest. After a mismatch the next row may follow either the balance as written or the balance as it
     * should have been: the first means rows are missing or an amount is wrong before the mismatch, the second that
     * only that one balance was misprinted. Either way a single bad figure is reported once, on its own row.
     */
    private String[] reconcile() {
        String[] mismatches = new String[read.size()];
        BigDecimal written = null;
        BigDecimal expected = null;
        for (int i = read.size() - 1; i >= 0; i--) {
            Row row = read.get(i);
            if (row instanceof Rejected) {
                // a row whose amount is unknown breaks the chain: start again from the next balance
                written = null;
                expected = null;
            }
            if (!(row instanceof Accepted accepted)) {
                continue;
            }
            StatementLine line = accepted.line();
            if (line.balance() == null) {
                written = null;
                expected = null;
                continue;
            }
            BigDecimal computed = written == null ? line.balance() : written.add(line.amount());
            boolean followsWritten = line.balance().compareTo(computed) == 0;
            boolean followsExpected = expected != null && line.balance().compareTo(expected.add(line.amount())) == 0;
            if (!followsWritten && !followsExpected) {
                mismatches[i] = "Balance " + line.balance().toPlainString() + " does not follow from the row before: "
                        + written.toPlainString() + " and " + line.amount().toPlainString() + " make "
                        + computed.toPlainString() + " (the row is kept; check the statement)";
            }
            written = line.balance();
            expected = computed;
        }
        return mismatches;
    }
}
