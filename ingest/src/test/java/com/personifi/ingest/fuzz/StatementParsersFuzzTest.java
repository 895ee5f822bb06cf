package com.personifi.ingest.fuzz;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.personifi.ingest.mpesa.MpesaStatementCsv;
import com.personifi.ingest.mpesa.StatementLine;
import com.personifi.ingest.mpesa.StatementReader;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.StatementSink;
import com.personifi.ingest.statement.UnreadableStatementException;
import com.personifi.ingest.statement.camt.Camt053Statement;
import com.personifi.ingest.statement.mt940.Mt940Statement;
import com.personifi.ingest.statement.ofx.OfxStatement;
import com.personifi.ingest.statement.qif.QifStatement;

/**
 * Every statement parser, fed arbitrary bytes: it may refuse the file with {@link UnreadableStatementException} or
 * refuse rows one by one, and nothing else may escape. A plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/com/personifi/ingest/fuzz/StatementParsersFuzzTestInputs/}; {@code .ci/fuzz} at the
 * repository root fuzzes each test in turn for a bounded time.
 */
class StatementParsersFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void mpesaCsv(byte[] input) {
        refusesOnlyAsTyped(() -> MpesaStatementCsv.read(reader(input), new IgnoringReader()));
    }

    @FuzzTest(maxDuration = "15s")
    void ofx(byte[] input) {
        refusesOnlyAsTyped(() -> OfxStatement.read(reader(input), new IgnoringSink()));
    }

    @FuzzTest(maxDuration = "15s")
    void qif(byte[] input) {
        refusesOnlyAsTyped(() -> QifStatement.read(reader(input), new IgnoringSink()));
    }

    @FuzzTest(maxDuration = "15s")
    void mt940(byte[] input) {
        refusesOnlyAsTyped(() -> Mt940Statement.read(reader(input), new IgnoringSink()));
    }

    @FuzzTest(maxDuration = "15s")
    void camt053(byte[] input) {
        refusesOnlyAsTyped(() -> Camt053Statement.read(new ByteArrayInputStream(input), new IgnoringSink()));
    }

    private static InputStreamReader reader(byte[] input) {
        return new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8);
    }

    private static void refusesOnlyAsTyped(Runnable parse) {
        try {
            parse.run();
        } catch (UnreadableStatementException expected) {
            // the one way a parser may refuse a whole file
        }
    }

    private static final class IgnoringSink implements StatementSink {
        @Override
        public void statement(StatementHeader header) {
        }

        @Override
        public void entry(StatementEntry entry) {
        }

        @Override
        public void reject(int position, String rawText, String reason) {
        }
    }

    private static final class IgnoringReader implements StatementReader {
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
}
