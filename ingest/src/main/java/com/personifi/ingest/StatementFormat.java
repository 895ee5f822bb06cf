package com.personifi.ingest;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import com.personifi.ingest.mpesa.MpesaStatementCsv;
import com.personifi.ingest.mpesa.StatementReader;
import com.personifi.ingest.statement.StatementSink;

/**
 * The statement formats an upload may be in, each recognised from the first bytes of its content (never from the
 * file name) and read as a stream. Checked in declaration order: the more distinctive signatures first.
 */
enum StatementFormat {

    MPESA_CSV("an M-Pesa statement CSV") {
        @Override
        boolean recognises(String head) {
            return MpesaStatementCsv.looksLikeMpesaCsv(head);
        }

        @Override
        void read(InputStream content, StatementReader mpesa, StatementSink statements) {
            MpesaStatementCsv.read(new InputStreamReader(content, StandardCharsets.UTF_8), mpesa);
        }
    };

    private final String description;

    StatementFormat(String description) {
        this.description = description;
    }

    abstract boolean recognises(String head);

    /** M-Pesa statements go to {@code mpesa}; bank and wallet statement files to {@code statements}. */
    abstract void read(InputStream content, StatementReader mpesa, StatementSink statements);

    static Optional<StatementFormat> detect(String head) {
        return Arrays.stream(values()).filter(f -> f.recognises(head)).findFirst();
    }

    /** "an M-Pesa statement CSV, OFX/QFX, …", for the message that refuses an unknown file. */
    static String supported() {
        return Arrays.stream(values()).map(f -> f.description).collect(Collectors.joining(", "));
    }
}
