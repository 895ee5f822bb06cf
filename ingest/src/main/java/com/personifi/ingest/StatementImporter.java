package com.personifi.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.personifi.ingest.job.AccountDirectory;
import com.personifi.ingest.job.ImportJobs;
import com.personifi.ingest.job.TransactionPublisher;
import com.personifi.ingest.mpesa.StatementLine;
import com.personifi.ingest.mpesa.StatementReader;
import com.personifi.ingest.statement.AccountNumbers;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.StatementSink;
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

    /** M-Pesa Kenya statements are written in Nairobi wall-clock time. */
    private static final ZoneId MPESA_KENYA = ZoneId.of("Africa/Nairobi");
    private static final int SNIFF_BYTES = 8192;
    private static final Logger log = LoggerFactory.getLogger(StatementImporter.class);

    private final TransactionPublisher publisher;
    private final ImportJobs jobs;
    private final AccountDirectory accounts;
    private final JsonMapper json = JsonMapper.builder().build();

    public StatementImporter(TransactionPublisher publisher, ImportJobs jobs, AccountDirectory accounts) {
        this.publisher = publisher;
        this.jobs = jobs;
        this.accounts = accounts;
    }

    /** The command's password is cleared when this returns, whether the import worked or not. */
    public ImportResult importStatement(ImportCommand command, InputStream content) {
        try {
            return importOpened(command, content);
        } finally {
            command.password().clear();
        }
    }

    private ImportResult importOpened(ImportCommand command, InputStream content) {
        BufferedInputStream in = new BufferedInputStream(content, 1 << 16);
        String head = head(in);
        StatementFormat format = StatementFormat.detect(head).orElseThrow(() -> new UnsupportedStatementException(
                "Not a supported statement: expected " + StatementFormat.supported() + ", but the file starts with '"
                        + firstLine(head) + "'"));
        UUID jobId = TransactionIds.newId();
        jobs.start(jobId, command.userId(), command.accountId(), command.fileName(), format.name());
        Rows rows = new Rows(jobId, command, format);
        try {
            publisher.inTransaction(batch -> {
                rows.batch = batch;
                format.read(in, head, command.password(), rows, rows);
            });
            jobs.addErrors(jobId, rows.errors);
            jobs.complete(jobId, rows.read(), rows.published, rows.skipped, rows.errors.size());
        } catch (RuntimeException e) {
            jobs.fail(jobId, e.getMessage());
            throw e;
        }
        log.info("Import {} of {} rows into account {}: {} published, {} skipped, {} rejected", jobId, rows.read(),
                command.accountId(), rows.published, rows.skipped, rows.errors.size());
        return new ImportResult(jobId, format.name(), "COMPLETED", rows.read(), rows.published, rows.skipped,
                rows.errors.size(), List.copyOf(rows.errors.subList(0, Math.min(ERRORS_IN_RESULT, rows.errors.size()))));
    }

    /** The first bytes, which decide the format: the content, never the file name. */
    private static String head(BufferedInputStream in) {
        try {
            in.mark(SNIFF_BYTES);
            byte[] head = in.readNBytes(SNIFF_BYTES);
            in.reset();
            return new String(head, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload", e);
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }

    /** Collects what the parser reads and publishes it into the current transaction. */
    private final class Rows implements StatementReader, StatementSink {
        private final UUID jobId;
        private final ImportCommand command;
        private final StatementFormat format;
        private final List<RowError> errors = new ArrayList<>();
        private TransactionPublisher.Batch batch;
        private int published;
        private int skipped;
        /** Account numbers as the file writes them, and the account their statements went to. */
        private final Map<String, UUID> placed = new HashMap<>();
        /** The account the current statement's entries go to; null when it could not be placed. */
        private UUID statementAccount;
        private String unplaced;

        Rows(UUID jobId, ImportCommand command, StatementFormat format) {
            this.jobId = jobId;
            this.command = command;
            this.format = format;
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
            rejected.put("format", format.name());
            rejected.put("line", line);
            rejected.put("rawText", rawText);
            rejected.put("reason", reason);
            batch.rejected(command.accountId().toString(), json.writeValueAsBytes(rejected));
        }

        /**
         * A file may hold statements of several accounts, and several statements of one. Each goes to the user's
         * account whose number ends in the same four characters; failing that, the first account the file names that
         * way goes to the account chosen for the upload, and any other is refused entry by entry, saying which.
         */
        @Override
        public void statement(StatementHeader header) {
            String number = Objects.toString(header.accountNumber(), "");
            String last4 = AccountNumbers.last4(header.accountNumber());
            UUID account = last4 == null ? null : accounts.byLast4(command.userId(), last4).orElse(null);
            if (account == null) {
                account = placed.get(number);
            }
            if (account == null && !placed.containsValue(command.accountId())) {
                account = command.accountId();
            }
            if (account != null) {
                placed.putIfAbsent(number, account);
            }
            statementAccount = account;
            unplaced = "Statement of account " + AccountNumbers.masked(header.accountNumber()) + " matches none of "
                    + "your accounts by the last 4 digits of its number: add that account, or upload it on its own";
        }

        @Override
        public void entry(StatementEntry entry) {
            String rawText = entry.bookingDate() + " " + entry.amount().toPlainString() + " " + entry.currency() + " "
                    + entry.description();
            if (statementAccount == null) {
                reject(entry.position(), rawText, unplaced);
                return;
            }
            RawTransaction raw;
            try {
                raw = toRaw(entry, statementAccount);
            } catch (RuntimeException e) {
                reject(entry.position(), rawText, e.getMessage());
                return;
            }
            batch.raw(raw);
            published++;
        }

        private RawTransaction toRaw(StatementEntry entry, UUID account) {
            String currency = entry.currency() != null ? entry.currency() : command.accountCurrency();
            Money.currency(currency);
            BigDecimal amount;
            try {
                amount = Money.atStorageScale(entry.amount());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("Amount " + entry.amount().toPlainString() + " has more than "
                        + Money.STORAGE_SCALE + " decimals");
            }
            // a date without a time is placed at noon where the user lives, so no time zone moves it to another day
            Instant occurredAt = entry.bookedAt() != null ? entry.bookedAt().atZone(command.timeZone()).toInstant()
                    : entry.bookingDate().atTime(LocalTime.NOON).atZone(command.timeZone()).toInstant();
            return RawTransaction.newBuilder()
                    .setId(TransactionIds.transactionId(account, entry.sourceRef()).toString())
                    .setUserId(command.userId().toString())
                    .setAccountId(account.toString())
                    .setSourceRef(entry.sourceRef())
                    .setSource(format.source())
                    .setOccurredAt(occurredAt)
                    .setLocalDate(entry.bookingDate())
                    .setAmount(amount)
                    .setCurrency(currency)
                    .setDescription(describe(entry))
                    .setCounterparty(entry.counterparty())
                    .setBalance(entry.balance() == null ? null : Money.atStorageScale(entry.balance()))
                    .setParentSourceRef(entry.parentSourceRef())
                    .setImportJobId(jobId.toString())
                    .setSourcePosition(format.name() + " position " + entry.position())
                    .setReceivedAt(Instant.now())
                    .build();
        }

        /** Every transaction needs words to be categorized and recognised by; a bare entry gets its counterparty. */
        private static String describe(StatementEntry entry) {
            if (entry.description() != null && !entry.description().isBlank()) {
                return entry.description();
            }
            return entry.counterparty() != null && !entry.counterparty().isBlank() ? entry.counterparty()
                    : "Bank entry " + entry.sourceRef();
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
