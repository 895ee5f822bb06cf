package com.personifi.ingest.statement;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/** Everything a parser sent, in order, with each entry kept under the statement it came after. */
public final class RecordingSink implements StatementSink {

    public record Reject(int position, String rawText, String reason) {
    }

    public record Statement(StatementHeader header, List<StatementEntry> entries) {

        public BigDecimal sum() {
            return entries.stream().map(StatementEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public StatementEntry first() {
            return entries.get(0);
        }

        public StatementEntry last() {
            return entries.get(entries.size() - 1);
        }
    }

    public final List<Statement> statements = new ArrayList<>();
    public final List<Reject> rejects = new ArrayList<>();
    /** Positions of the entries that moved no money. */
    public final List<Integer> skipped = new ArrayList<>();

    @Override
    public void statement(StatementHeader header) {
        statements.add(new Statement(header, new ArrayList<>()));
    }

    @Override
    public void entry(StatementEntry entry) {
        if (statements.isEmpty()) {
            throw new AssertionError("Entry before any statement header: " + entry);
        }
        statements.get(statements.size() - 1).entries().add(entry);
    }

    @Override
    public void reject(int position, String rawText, String reason) {
        rejects.add(new Reject(position, rawText, reason));
    }

    @Override
    public void skip(int position, String reason) {
        skipped.add(position);
    }

    public Statement only() {
        if (statements.size() != 1) {
            throw new AssertionError("Expected one statement, got " + statements.size());
        }
        return statements.get(0);
    }

    public List<StatementEntry> entries() {
        return statements.stream().flatMap(s -> s.entries().stream()).toList();
    }

    public List<String> sourceRefs() {
        return entries().stream().map(StatementEntry::sourceRef).toList();
    }

    /** A test resource under {@code statements/}, never the shared fixture folder. */
    public static Reader resource(String path, Charset charset) {
        InputStream in = RecordingSink.class.getResourceAsStream("/statements/" + path);
        if (in == null) {
            throw new UncheckedIOException(new IOException("No test resource statements/" + path));
        }
        return new InputStreamReader(in, charset);
    }
}
