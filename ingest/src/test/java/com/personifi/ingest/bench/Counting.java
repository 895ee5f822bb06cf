package com.personifi.ingest.bench;

import com.personifi.ingest.mpesa.StatementLine;
import com.personifi.ingest.mpesa.StatementReader;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.StatementSink;

/** Where a benchmarked parser sends what it reads: only counted, so that the time measured is the parser's own. */
final class Counting implements StatementSink, StatementReader {

    int entries;
    int refused;
    String firstRefusal;

    @Override
    public void statement(StatementHeader header) {
    }

    @Override
    public void entry(StatementEntry entry) {
        entries++;
    }

    @Override
    public void accept(StatementLine line) {
        entries++;
    }

    @Override
    public void skip(int line, String reason) {
        refused(reason);
    }

    @Override
    public void reject(int position, String rawText, String reason) {
        refused(reason);
    }

    private void refused(String reason) {
        if (refused++ == 0) {
            firstRefusal = reason;
        }
    }

    /** A benchmark of a parser that refuses rows would measure the wrong thing: the input must read whole. */
    static void expect(String format, Counting read, int rows) {
        if (read.entries != rows || read.refused != 0) {
            throw new IllegalStateException(format + " input read as " + read.entries + " entries and " + read.refused
                    + " refusals (first: " + read.firstRefusal + "), expected " + rows + " entries");
        }
    }
}
