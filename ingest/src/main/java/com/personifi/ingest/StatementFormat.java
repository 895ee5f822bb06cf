package com.personifi.ingest;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.personifi.ingest.mpesa.MpesaStatementCsv;
import com.personifi.ingest.mpesa.MpesaStatementPdf;
import com.personifi.ingest.mpesa.StatementReader;
import com.personifi.ingest.statement.StatementSink;
import com.personifi.ingest.statement.camt.Camt053Statement;
import com.personifi.ingest.statement.mt940.Mt940Statement;
import com.personifi.ingest.statement.ofx.OfxStatement;
import com.personifi.ingest.statement.qif.QifStatement;
import com.personifi.ingest.statement.wallet.AirtelMoneyStatement;
import com.personifi.ingest.statement.wallet.MtnMomoStatement;
import com.personifi.schemas.events.TransactionSource;

/**
 * The statement formats an upload may be in, each recognised from the first bytes of its content (never from the
 * file name) and read as a stream. Checked in declaration order: the more distinctive signatures first.
 */
enum StatementFormat {

    MPESA_PDF("an M-Pesa statement PDF (with its password when it has one)", TransactionSource.MPESA_STATEMENT) {
        @Override
        boolean recognises(String head) {
            return MpesaStatementPdf.looksLikePdf(head);
        }

        @Override
        void read(InputStream content, String head, UploadPassword password, StatementReader mpesa,
                  StatementSink statements) {
            MpesaStatementPdf.read(content, password.characters(), mpesa);
        }
    },

    MPESA_CSV("an M-Pesa statement CSV (personal or business portal)", TransactionSource.MPESA_STATEMENT) {
        @Override
        boolean recognises(String head) {
            return MpesaStatementCsv.looksLikeMpesaCsv(head);
        }

        @Override
        void read(InputStream content, String head, UploadPassword password, StatementReader mpesa,
                  StatementSink statements) {
            MpesaStatementCsv.read(new InputStreamReader(content, StandardCharsets.UTF_8), mpesa);
        }
    },

    /** Before Airtel: its header has From and To besides a transaction id, date and amount. */
    MTN_MOMO_CSV("an MTN MoMo statement CSV", TransactionSource.MOBILE_MONEY_STATEMENT) {
        @Override
        boolean recognises(String head) {
            return MtnMomoStatement.looksLikeMtnMomo(head);
        }

        @Override
        void read(InputStream content, String head, UploadPassword password, StatementReader mpesa,
                  StatementSink statements) {
            MtnMomoStatement.read(new InputStreamReader(content, textCharset(head)), statements);
        }
    },

    AIRTEL_MONEY_CSV("an Airtel Money statement CSV", TransactionSource.MOBILE_MONEY_STATEMENT) {
        @Override
        boolean recognises(String head) {
            return AirtelMoneyStatement.looksLikeAirtelMoney(head);
        }

        @Override
        void read(InputStream content, String head, UploadPassword password, StatementReader mpesa,
                  StatementSink statements) {
            AirtelMoneyStatement.read(new InputStreamReader(content, textCharset(head)), statements);
        }
    },

    CAMT053("ISO 20022 CAMT.053", TransactionSource.BANK_STATEMENT) {
        @Override
        boolean recognises(String head) {
            return Camt053Statement.looksLikeCamt053(head);
        }

        /** XML says its own encoding. */
        @Override
        void read(InputStream content, String head, UploadPassword password, StatementReader mpesa,
                  StatementSink statements) {
            Camt053Statement.read(content, statements);
        }
    },

    OFX("OFX/QFX", TransactionSource.BANK_STATEMENT) {
        @Override
        boolean recognises(String head) {
            return OfxStatement.looksLikeOfx(head);
        }

        /** OFX 1.x names its character set in the header; most banks still write Windows-1252. */
        @Override
        void read(InputStream content, String head, UploadPassword password, StatementReader mpesa,
                  StatementSink statements) {
            Charset charset = OFX_1252.matcher(head).find() ? Charset.forName("windows-1252")
                    : OFX_LATIN1.matcher(head).find() ? StandardCharsets.ISO_8859_1 : textCharset(head);
            OfxStatement.read(new InputStreamReader(content, charset), statements);
        }
    },

    MT940("SWIFT MT940", TransactionSource.BANK_STATEMENT) {
        @Override
        boolean recognises(String head) {
            return Mt940Statement.looksLikeMt940(head);
        }

        @Override
        void read(InputStream content, String head, UploadPassword password, StatementReader mpesa,
                  StatementSink statements) {
            Mt940Statement.read(new InputStreamReader(content, textCharset(head)), statements);
        }
    },

    QIF("QIF", TransactionSource.BANK_STATEMENT) {
        @Override
        boolean recognises(String head) {
            return QifStatement.looksLikeQif(head);
        }

        @Override
        void read(InputStream content, String head, UploadPassword password, StatementReader mpesa,
                  StatementSink statements) {
            QifStatement.read(new InputStreamReader(content, textCharset(head)), statements);
        }
    },

    /** Never recognised on its own: a file is read this way with the user's saved profile whose header it carries. */
    BANK_CSV("a bank CSV export matching one of your saved CSV profiles", TransactionSource.BANK_STATEMENT) {
        @Override
        boolean recognises(String head) {
            return false;
        }

        @Override
        void read(InputStream content, String head, UploadPassword password, StatementReader mpesa,
                  StatementSink statements) {
            throw new IllegalStateException("A bank CSV is read with its profile");
        }
    };

    private static final Pattern OFX_1252 = Pattern.compile("CHARSET:\\s*1252");
    private static final Pattern OFX_LATIN1 = Pattern.compile("CHARSET:\\s*(ISO-8859-1|8859-1)");

    private final String description;
    private final TransactionSource source;

    StatementFormat(String description, TransactionSource source) {
        this.description = description;
        this.source = source;
    }

    /** What the transactions of a file in this format are published as coming from. */
    TransactionSource source() {
        return source;
    }

    abstract boolean recognises(String head);

    /** Text formats have a line per row, which is how an upload's row limit is counted before it is read. */
    boolean isText() {
        return this != MPESA_PDF;
    }

    /**
     * M-Pesa statements go to {@code mpesa}; bank and wallet statement files to {@code statements}.
     *
     * @param head     the file's first bytes as UTF-8, as detection saw them
     * @param password opens a protected file; formats that are never protected ignore it
     */
    abstract void read(InputStream content, String head, UploadPassword password, StatementReader mpesa,
                       StatementSink statements);

    /**
     * Text formats that do not name their encoding: UTF-8 when the first bytes are valid UTF-8, else Windows-1252,
     * which older banking software writes.
     */
    private static Charset textCharset(String head) {
        // the sample may end inside a multi-byte character: that is not a sign of another encoding
        String whole = head.length() > 3 ? head.substring(0, head.length() - 3) : head;
        return whole.indexOf('\uFFFD') < 0 ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
    }

    static Optional<StatementFormat> detect(String head) {
        return Arrays.stream(values()).filter(f -> f.recognises(head)).findFirst();
    }

    /** "an M-Pesa statement CSV, OFX/QFX, …", for the message that refuses an unknown file. */
    static String supported() {
        return Arrays.stream(values()).map(f -> f.description).collect(Collectors.joining(", "));
    }
}
