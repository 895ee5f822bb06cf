package com.personifi.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.ingest.job.ImportJobs;
import com.personifi.ingest.job.TransactionPublisher;
import com.personifi.ingest.mpesa.MpesaStatementCsv;
import com.personifi.ingest.mpesa.StatementLine;
import com.personifi.ingest.mpesa.StatementReader;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a statement upload as a stream, publishes every good row as a RawTransaction and every bad one to the
 * rejected topic with its line and reason, and records the job. Good rows always land; bad rows never stop them.
 */
@Service
public class StatementImporter {

    public static final int ERRORS_IN_RESULT = 100;
    public static final String FORMAT_MPESA_CSV = "MPESA_CSV";

    /** M-Pesa Kenya statements are written in Nairobi wall-clock time. */
    private static final ZoneId MPESA_KENYA = ZoneId.of("Africa/Nairobi");
    private static final int SNIFF_BYTES = 8192;
    private static final Logger log = LoggerFactory.getLogger(StatementImporter.class);

    private final TransactionPublisher publisher;
    private final ImportJobs jobs;
    private final JsonMapper json = JsonMapper.builder().build();

    public StatementImporter(TransactionPublisher publisher, ImportJobs jobs) {
        this.publisher = publisher;
        this.jobs = jobs;
    }

    public ImportResult importStatement(ImportCommand command, InputStream content) {
        BufferedInputStream in = new BufferedInputStream(content, 1 << 16);
        String format = detect(in);
        UUID jobId = TransactionIds.newId();
        jobs.start(jobId, command.userId(), command.accountId(), command.fileName(), format);
        Rows rows = new Rows(jobId, command);
        try {
            publisher.inTransaction(batch -> {
                rows.batch = batch;
                MpesaStatementCsv.read(new InputStreamReader(in, StandardCharsets.UTF_8), rows);
            });
            jobs.addErrors(jobId, rows.errors);
            jobs.complete(jobId, rows.read(), rows.published, rows.skipped, rows.errors.size());
        } catch (RuntimeException e) {
            jobs.fail(jobId, e.getMessage());
            throw e;
        }
        log.info("Import {} of {} rows into account {}: {} published, {} skipped, {} rejected", jobId, rows.read(),
                command.accountId(), rows.published, rows.skipped, rows.errors.size());
        return new ImportResult(jobId, format, "COMPLETED", rows.read(), rows.published, rows.skipped,
                rows.errors.size(), List.copyOf(rows.errors.subList(0, Math.min(ERRORS_IN_RESULT, rows.errors.size()))));
    }

    /** Decides the format from the content, never from the file name. */
    private static String detect(BufferedInputStream in) {
        try {
            in.mark(SNIFF_BYTES);
            byte[] head = in.readNBytes(SNIFF_BYTES);
            in.reset();
            String text = new String(head, StandardCharsets.UTF_8);
            if (MpesaStatementCsv.looksLikeMpesaCsv(text)) {
                return FORMAT_MPESA_CSV;
            }
            throw new UnsupportedStatementException("Not a supported statement: expected an M-Pesa statement CSV with "
                    + "the header " + String.join(",", MpesaStatementCsv.HEADER) + ", but the file starts with '"
                    + firstLine(text) + "'");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload", e);
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }

    /** Collects what the parser reads and publishes it into the current transaction. */
    private final class Rows implements StatementReader {
        private final UUID jobId;
        private final ImportCommand command;
        private final List<RowError> errors = new ArrayList<>();
        private TransactionPublisher.Batch batch;
        private int published;
        private int skipped;

        Rows(UUID jobId, ImportCommand command) {
            this.jobId = jobId;
            this.command = command;
        }

        int read() {
            return published + skipped + errors.size();
        }

        @Override
        public void accept(StatementLine line) {
            batch.raw(toRaw(line));
            published++;
        }

        @Override
        public void skip(int line, String reason) {
            skipped++;
        }

        @Override
        public void reject(int line, String rawText, String reason) {
            errors.add(new RowError(line, rawText, reason));
            Map<String, Object> rejected = new LinkedHashMap<>();
            rejected.put("jobId", jobId.toString());
            rejected.put("userId", command.userId().toString());
            rejected.put("accountId", command.accountId().toString());
            rejected.put("format", FORMAT_MPESA_CSV);
            rejected.put("line", line);
            rejected.put("rawText", rawText);
            rejected.put("reason", reason);
            batch.rejected(command.accountId().toString(), json.writeValueAsBytes(rejected));
        }

        private RawTransaction toRaw(StatementLine line) {
            UUID account = command.accountId();
            return RawTransaction.newBuilder()
                    .setId(TransactionIds.transactionId(account, line.sourceRef()).toString())
                    .setUserId(command.userId().toString())
                    .setAccountId(account.toString())
                    .setSourceRef(line.sourceRef())
                    .setSource(TransactionSource.MPESA_STATEMENT)
                    .setOccurredAt(line.completedAt().atZone(MPESA_KENYA).toInstant())
                    .setLocalDate(line.completedAt().toLocalDate())
                    .setAmount(Money.atStorageScale(line.amount()))
                    .setCurrency(command.accountCurrency())
                    .setDescription(line.details())
                    .setCounterparty(line.parsed().counterparty())
                    .setMerchantCode(line.parsed().merchantCode())
                    .setBalance(line.balance() == null ? null : Money.atStorageScale(line.balance()))
                    .setParentSourceRef(line.parentSourceRef())
                    .setImportJobId(jobId.toString())
                    .setSourcePosition("line " + line.line())
                    .setReceivedAt(Instant.now())
                    .build();
        }
    }
}
