package com.personifi.ingest.mpesa;

/** Where a statement parser sends what it reads: movements, rows that move no money, and rows it cannot use. */
public interface StatementReader {

    void accept(StatementLine line);

    /** A row that is valid but moves no money (e.g. status Failed). */
    void skip(int line, String reason);

    void reject(int line, String rawText, String reason);
}
