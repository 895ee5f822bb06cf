package com.personifi.ingest.statement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a statement parser sends, statement by statement, for tests to look at. */
public final class RecordingSink implements StatementSink {

    public record Statement(StatementHeader header, List<StatementEntry> entries) {

        public BigDecimal total() {
            return entries.stream().map(StatementEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public StatementEntry first() {
            return entries.get(0);
        }

        public StatementEntry last() {
            return entries.get(entries.size() - 1);
        }
    }

    public record Reject(int position, String rawText, String reason) {
    }

    public final List<Statement> statements = new ArrayList<>();
    public final List<Reject> rejects = new ArrayList<>();

    @Override
    public void statement(StatementHeader header) {
        statements.add(new Statement(header, new ArrayList<>()));
    }

    @Override
    public void entry(StatementEntry entry) {
        if (statements.isEmpty()) {
            throw new AssertionError("Entry before any statement: " + entry);
        }
        statements.get(statements.size() - 1).entries().add(entry);
    }

    @Override
    public void reject(int position, String rawText, String reason) {
        rejects.add(new Reject(position, rawText, reason));
    }

    public List<StatementEntry> entries() {
        return statements.stream().flatMap(s -> s.entries().stream()).toList();
    }

    public List<String> sourceRefs() {
        return entries().stream().map(StatementEntry::sourceRef).toList();
    }
}
