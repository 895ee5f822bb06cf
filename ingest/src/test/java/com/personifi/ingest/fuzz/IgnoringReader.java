package com.personifi.ingest.fuzz;

import com.personifi.ingest.mpesa.StatementLine;
import com.personifi.ingest.mpesa.StatementReader;

/** Takes whatever an M-Pesa statement parser reads and keeps none of it: the fuzz tests only watch what escapes. */
final class IgnoringReader implements StatementReader {
    @Override
    public void accept(StatementLine line) {
    }

    @Override
    public void skip(int line, String reason) {
    }

    @Override
    public void reject(int line, String rawText, String reason) {
    }
}
