package com.personifi.ingest.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.concurrent.TimeUnit;

import com.personifi.ingest.daraja.DarajaCallback;
import com.personifi.ingest.demo.SyntheticMpesaStatement;
import com.personifi.ingest.mpesa.MpesaPdfFixture;
import com.personifi.ingest.mpesa.MpesaStatementCsv;
import com.personifi.ingest.mpesa.MpesaStatementPdf;
import com.personifi.ingest.sms.ConfirmationSms;
import com.personifi.ingest.statement.camt.Camt053Statement;
import com.personifi.ingest.statement.mt940.Mt940Statement;
import com.personifi.ingest.statement.ofx.OfxStatement;
import com.personifi.ingest.statement.qif.QifStatement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse throughput per format, in rows (entries, messages, callbacks) per second: each parser reads an in-memory
 * input of a fixed number of rows into a sink that only counts. Next to each, the baseline {@code <format>Lines}
 * reads the same bytes line by line with a plain {@link BufferedReader}, the cheapest pass over the input there is,
 * so that each parser can be stated as a fraction of it. Run with {@code ./bench parse}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dlogback.configurationFile=logback-bench.xml"})
public class ParseThroughputBench {

    /** Rows of every input but the PDF. */
    static final int ROWS = 10_000;
    /** PDFBox lays out every page's text, so the PDF is read in smaller statements. */
    static final int PDF_ROWS = 2_000;
    private static final long SEED = 20_240_501L;

    @State(Scope.Benchmark)
    public static class MpesaCsvInput {
        byte[] bytes;

        @Setup
        public void write() {
            bytes = mpesaStatement(ROWS).toCsv().getBytes(StandardCharsets.UTF_8);
            Counting.expect("M-Pesa CSV", readMpesaCsv(bytes), ROWS);
        }
    }

    @State(Scope.Benchmark)
    public static class MpesaPdfInput {
        byte[] bytes;

        @Setup
        public void render() {
            bytes = MpesaPdfFixture.of(mpesaStatement(PDF_ROWS)).render();
            Counting.expect("M-Pesa PDF", readMpesaPdf(bytes), PDF_ROWS);
        }
    }

    @State(Scope.Benchmark)
    public static class OfxInput {
        byte[] bytes;

        @Setup
        public void write() {
            bytes = SyntheticBankStatements.ofx(ROWS, SEED);
            Counting.expect("OFX", readOfx(bytes), ROWS);
        }
    }

    @State(Scope.Benchmark)
    public static class QifInput {
        byte[] bytes;

        @Setup
        public void write() {
            bytes = SyntheticBankStatements.qif(ROWS, SEED);
            Counting.expect("QIF", readQif(bytes), ROWS);
        }
    }

    @State(Scope.Benchmark)
    public static class Mt940Input {
        byte[] bytes;

        @Setup
        public void write() {
            bytes = SyntheticBankStatements.mt940(ROWS, SEED);
            Counting.expect("MT940", readMt940(bytes), ROWS);
        }
    }

    @State(Scope.Benchmark)
    public static class Camt053Input {
        byte[] bytes;

        @Setup
        public void write() {
            bytes = SyntheticBankStatements.camt053(ROWS, SEED);
            Counting.expect("CAMT.053", readCamt053(bytes), ROWS);
        }
    }

    @State(Scope.Benchmark)
    public static class SmsInput {
        String[] messages;
        byte[] bytes;

        @Setup
        public void write() {
            messages = SyntheticMessages.sms(ROWS);
            bytes = String.join("\n", messages).getBytes(StandardCharsets.UTF_8);
            for (String message : messages) {
                if (ConfirmationSms.parse(message).isEmpty()) {
                    throw new IllegalStateException("Not read as a movement: " + message);
                }
            }
        }
    }

    @State(Scope.Benchmark)
    public static class DarajaInput {
        byte[][] callbacks;
        byte[] bytes;

        @Setup
        public void read() {
            callbacks = SyntheticMessages.darajaCallbacks(ROWS);
            bytes = SyntheticMessages.joined(callbacks);
            for (byte[] callback : callbacks) {
                DarajaCallback.parse(callback);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void mpesaCsv(MpesaCsvInput input, Blackhole bh) {
        bh.consume(readMpesaCsv(input.bytes).entries);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void mpesaCsvLines(MpesaCsvInput input, Blackhole bh) {
        lines(input.bytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(PDF_ROWS)
    public void mpesaPdf(MpesaPdfInput input, Blackhole bh) {
        bh.consume(readMpesaPdf(input.bytes).entries);
    }

    @Benchmark
    @OperationsPerInvocation(PDF_ROWS)
    public void mpesaPdfLines(MpesaPdfInput input, Blackhole bh) {
        lines(input.bytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void ofx(OfxInput input, Blackhole bh) {
        bh.consume(readOfx(input.bytes).entries);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void ofxLines(OfxInput input, Blackhole bh) {
        lines(input.bytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void qif(QifInput input, Blackhole bh) {
        bh.consume(readQif(input.bytes).entries);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void qifLines(QifInput input, Blackhole bh) {
        lines(input.bytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void mt940(Mt940Input input, Blackhole bh) {
        bh.consume(readMt940(input.bytes).entries);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void mt940Lines(Mt940Input input, Blackhole bh) {
        lines(input.bytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void camt053(Camt053Input input, Blackhole bh) {
        bh.consume(readCamt053(input.bytes).entries);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void camt053Lines(Camt053Input input, Blackhole bh) {
        lines(input.bytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void sms(SmsInput input, Blackhole bh) {
        for (String message : input.messages) {
            bh.consume(ConfirmationSms.parse(message));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void smsLines(SmsInput input, Blackhole bh) {
        lines(input.bytes, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void darajaCallback(DarajaInput input, Blackhole bh) {
        for (byte[] callback : input.callbacks) {
            bh.consume(DarajaCallback.parse(callback));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void darajaCallbackLines(DarajaInput input, Blackhole bh) {
        lines(input.bytes, bh);
    }

    /** The same statement for every run: two years of a busy wallet, cut to its newest {@code rows} rows. */
    private static SyntheticMpesaStatement mpesaStatement(int rows) {
        return SyntheticMpesaStatement.generate(SEED, YearMonth.of(2023, 1), 24, 400).newest(rows);
    }

    private static Counting readMpesaCsv(byte[] bytes) {
        Counting sink = new Counting();
        MpesaStatementCsv.read(utf8(bytes), sink);
        return sink;
    }

    private static Counting readMpesaPdf(byte[] bytes) {
        Counting sink = new Counting();
        MpesaStatementPdf.read(new ByteArrayInputStream(bytes), null, sink);
        return sink;
    }

    private static Counting readOfx(byte[] bytes) {
        Counting sink = new Counting();
        OfxStatement.read(utf8(bytes), sink);
        return sink;
    }

    private static Counting readQif(byte[] bytes) {
        Counting sink = new Counting();
        QifStatement.read(utf8(bytes), sink);
        return sink;
    }

    private static Counting readMt940(byte[] bytes) {
        Counting sink = new Counting();
        Mt940Statement.read(utf8(bytes), sink);
        return sink;
    }

    private static Counting readCamt053(byte[] bytes) {
        Counting sink = new Counting();
        Camt053Statement.read(new ByteArrayInputStream(bytes), sink);
        return sink;
    }

    private static Reader utf8(byte[] bytes) {
        return new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
    }

    /** The baseline: every line of the same bytes, decoded as the parsers decode them, and nothing else. */
    private static void lines(byte[] bytes, Blackhole bh) {
        try (BufferedReader reader = new BufferedReader(utf8(bytes), 1 << 16)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                bh.consume(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
