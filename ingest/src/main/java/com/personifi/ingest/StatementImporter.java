package com.personifi.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.personifi.ingest.job.AccountDirectory;
import com.personifi.ingest.job.BankCsvProfiles;
import com.personifi.ingest.job.ImportJob;
import com.personifi.ingest.job.ImportProgress;
import com.personifi.ingest.job.ImportQueue;
import com.personifi.ingest.job.ImportJobs;
import com.personifi.ingest.job.TransactionPublisher;
import com.personifi.ingest.mpesa.StatementLine;
import com.personifi.ingest.mpesa.StatementReader;
import com.personifi.ingest.statement.AccountNumbers;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.StatementSink;
import com.personifi.ingest.statement.csv.BankCsvProfile;
import com.personifi.ingest.statement.csv.BankCsvStatement;
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
 * rejected topic with its line and reason, and records the job with its progress. Good rows always land; bad rows
 * never stop them. One import is one Kafka transaction: a failure part-way publishes none of its rows.
 */
@Service
public class StatementImporter implements AutoCloseable {

    public static final int ERRORS_IN_RESULT = 100;

    /** M-Pesa Kenya statements are written in Nairobi wall-clock time. */
    private static final ZoneId MPESA_KENYA = ZoneId.of("Africa/Nairobi");
    private static final int SNIFF_BYTES = 8192;
    /** A year of a busy M-Pesa account is a few megabytes of PDF. */
    private static final int MAX_PDF_BYTES = 32 << 20;
    /** Rows checked against the ledger and sent together; also how often errors are written to the job. */
    private static final int CHUNK = 2000;
    private static final long PROGRESS_EVERY_NANOS = Duration.ofMillis(500).toNanos();
    private static final Logger log = LoggerFactory.getLogger(StatementImporter.class);

    private final TransactionPublisher publisher;
    private final ImportJobs jobs;
    private final ImportQueue queue;
    private final AccountDirectory accounts;
    private final ImportSettings settings;
    private final BankCsvProfiles csvProfiles;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Where a chunk is checked against the ledger while the import reads the next one. */
    private final ExecutorService ledgerChecks = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "import-ledger-check");
        thread.setDaemon(true);
        return thread;
    });

    public StatementImporter(TransactionPublisher publisher, ImportJobs jobs, ImportQueue queue,
                             AccountDirectory accounts, ImportSettings settings, BankCsvProfiles csvProfiles) {
        this.csvProfiles = csvProfiles;
        this.publisher = publisher;
        this.jobs = jobs;
        this.queue = queue;
        this.accounts = accounts;
        this.settings = settings;
    }

    /**
     * Imports while the caller waits. The command's password is cleared when this returns, whether the import
     * worked or not.
     */
    public ImportResult importStatement(ImportCommand command, InputStream content) {
        try {
            CountingInputStream counted = new CountingInputStream(content);
            BufferedInputStream in = new BufferedInputStream(counted, 1 << 16);
            Detected format = detect(command, headBytes(in));
            UUID jobId = TransactionIds.newId();
            jobs.queue(jobId, command.userId(), command.accountId(), command.fileName(), format.name(), 0);
            return run(jobId, command, format, in, counted);
        } finally {
            command.password().clear();
        }
    }

    /**
     * Takes an upload for a background import: the content is copied to a temporary file as it arrives (never whole
     * in memory), checked against the size and row limits and recognised, and the job is queued. Progress and
     * outcome are then read from {@link ImportJobs}. The password is cleared once the import has read the file.
     *
     * @throws UnsupportedStatementException when the content is no statement format PersoniFi reads
     * @throws ImportTooLargeException       when the upload exceeds {@link ImportSettings} limits
     * @throws ImportQueue.ImportsBusyException when too many imports are waiting already
     * @throws TooManyImportsException        when the person has {@link ImportSettings#perUser()} imports unfinished;
     *                                        checked before the upload is read
     */
    public ImportJob submit(ImportCommand command, InputStream upload) {
        Path file = null;
        boolean queued = false;
        try {
            if (jobs.unfinished(command.userId()) >= settings.perUser()) {
                throw new TooManyImportsException(settings.perUser());
            }
            BufferedInputStream in = new BufferedInputStream(upload, 1 << 16);
            Detected format = detect(command, headBytes(in));
            if (!format.format().isText()) {
                return importNow(command, format, in);
            }
            // only a PDF is ever protected: nothing of a text statement needs the password
            command.password().clear();
            file = spool(in, format);
            long size = Files.size(file);
            UUID jobId = TransactionIds.newId();
            // checked again as it is queued: uploads of one person arriving together were all read
            if (!jobs.queueWithin(settings.perUser(), jobId, command.userId(), command.accountId(), command.fileName(),
                    format.name(), size)) {
                throw new TooManyImportsException(settings.perUser());
            }
            Path spooled = file;
            try {
                queue.submit(jobId, command.userId(), () -> runSpooled(jobId, command, format, spooled), () -> {
                    // the process is stopping before the import could start
                    jobs.fail(jobId, ImportQueue.STOPPED_BEFORE_START);
                    deleteQuietly(spooled);
                });
            } catch (ImportQueue.ImportsBusyException e) {
                jobs.fail(jobId, e.getMessage());
                throw e;
            }
            queued = true;
            return jobs.find(command.userId(), jobId).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload", e);
        } finally {
            if (!queued) {
                command.password().clear();
                deleteQuietly(file);
            }
        }
    }

    /**
     * A PDF is read whole by its parser anyway and is small, so it is imported while the client waits: a wrong
     * password or a PDF that is no statement is answered at once, and no copy of it is written to disk.
     */
    private ImportJob importNow(ImportCommand command, Detected format, InputStream in) throws IOException {
        int limit = (int) Math.min(MAX_PDF_BYTES, settings.maxFileSize().toBytes());
        byte[] content = in.readNBytes(limit + 1);
        if (content.length > limit) {
            throw new ImportTooLargeException("The PDF is larger than the " + Math.max(1, limit >> 20)
                    + " MB a statement PDF may be: download it for a shorter period");
        }
        CountingInputStream counted = new CountingInputStream(new java.io.ByteArrayInputStream(content));
        BufferedInputStream buffered = new BufferedInputStream(counted, 1 << 16);
        UUID jobId = TransactionIds.newId();
        if (!jobs.queueWithin(settings.perUser(), jobId, command.userId(), command.accountId(), command.fileName(),
                format.name(), content.length)) {
            throw new TooManyImportsException(settings.perUser());
        }
        // as many PDFs at a time as background workers, and kept alive like them while they run
        queue.runNow(jobId, () -> run(jobId, command, format, buffered, counted), () -> jobs.fail(jobId,
                ImportQueue.BUSY));
        return jobs.find(command.userId(), jobId).orElseThrow();
    }

    private void runSpooled(UUID jobId, ImportCommand command, Detected format, Path file) {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (IOException e) {
            jobs.fail(jobId, "The uploaded file could not be read back: " + e.getMessage());
            deleteQuietly(file);
            return;
        }
        try (raw) {
            CountingInputStream counted = new CountingInputStream(raw);
            BufferedInputStream in = new BufferedInputStream(counted, 1 << 16);
            run(jobId, command, format, in, counted);
        } catch (IOException e) {
            // closing the file after the import: the import's own outcome stands
            log.warn("Could not close the spooled upload of import {}: {}", jobId, e.toString());
        } finally {
            command.password().clear();
            deleteQuietly(file);
        }
    }

    /**
     * Whatever goes wrong while reading or publishing (an Error from a hostile file included) fails the job before it
     * is passed on. Completing the job is outside that: once Kafka has committed, the rows are in.
     */
    private ImportResult run(UUID jobId, ImportCommand command, Detected format, BufferedInputStream in,
                             CountingInputStream counted) {
        Rows rows = new Rows(jobId, command, format.format(), counted);
        try {
            jobs.start(jobId);
            String head = new String(headBytes(in), StandardCharsets.UTF_8);
            publisher.inTransaction(batch -> {
                rows.batch = batch;
                if (format.profile() != null) {
                    BankCsvStatement.read(in, format.profile(), null, rows);
                } else {
                    format.format().read(in, head, command.password(), rows, rows);
                }
                rows.flush();
                // counted before Kafka commits: a check that failed fails the import, as it did on this thread
                rows.awaitLedgerCheck();
            });
        } catch (RuntimeException | Error e) {
            jobs.fail(jobId, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            throw e;
        }
        jobs.complete(jobId, rows.progress());
        log.info("Import {} of {} rows into account {}: {} published ({} new), {} skipped, {} rejected", jobId,
                rows.read(), command.accountId(), rows.published, rows.newRows.get(), rows.skipped, rows.rejected);
        return new ImportResult(jobId, format.name(), "COMPLETED", rows.read(), rows.published, rows.newRows.get(),
                rows.duplicates.get(), rows.skipped, rows.rejected, List.copyOf(rows.firstErrors));
    }

    @Override
    public void close() {
        ledgerChecks.shutdownNow();
    }

    /** A recognised upload: its format, and for a bank CSV the saved profile it is read with. */
    private record Detected(StatementFormat format, BankCsvProfile profile) {
        String name() {
            return format.name();
        }
    }

    /**
     * The profile the upload names; else the first of the user's saved bank CSV profiles whose header the file
     * carries; else a built-in format recognised from the first bytes.
     */
    private Detected detect(ImportCommand command, byte[] headBytes) {
        if (command.csvProfileId() != null) {
            return csvProfiles.find(command.userId(), command.csvProfileId())
                    .map(saved -> new Detected(StatementFormat.BANK_CSV, saved.profile()))
                    .orElseThrow(() -> new UnknownCsvProfileException(command.csvProfileId()));
        }
        String head = new String(headBytes, StandardCharsets.UTF_8);
        List<BankCsvProfiles.Saved> saved = csvProfiles.of(command.userId());
        Optional<BankCsvProfiles.Saved> mine = saved.stream().filter(p -> p.profile().matches(headBytes)).findFirst();
        if (mine.isPresent()) {
            // the user's own profile names this exact header: it knows the file better than any general layout
            return new Detected(StatementFormat.BANK_CSV, mine.get().profile());
        }
        return StatementFormat.detect(head).map(format -> new Detected(format, null))
                .orElseThrow(() -> new UnsupportedStatementException("Not a supported statement: expected "
                        + StatementFormat.supported() + " (you have " + saved.size() + "), but the file starts with '"
                        + firstLine(head) + "'"));
    }

    /**
     * Copies the upload to a private temporary file, refusing it as soon as it passes the size limit or, for text
     * formats, the row limit (counted as lines while copying).
     */
    private Path spool(InputStream in, Detected format) throws IOException {
        Path file = Files.createTempFile(queue.spoolDirectory(), "import-", ".upload");
        try (OutputStream out = Files.newOutputStream(file)) {
            long maxBytes = settings.maxFileSize().toBytes();
            boolean countLines = format.format().isText();
            long bytes = 0;
            long lines = 0;
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
                if (bytes > maxBytes) {
                    throw new ImportTooLargeException("The file is larger than the " + settings.maxFileSize()
                            .toMegabytes() + " MB an import takes: split it by year");
                }
                if (countLines) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                    if (lines > settings.maxRows()) {
                        throw new ImportTooLargeException("The file has more than " + settings.maxRows()
                                + " lines, the most an import takes: split it by year");
                    }
                }
                out.write(buffer, 0, n);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the spooled upload {}: {}", file, e.toString());
            }
        }
    }

    /** The first bytes, which decide the format: the content, never the file name. */
    private static byte[] headBytes(BufferedInputStream in) {
        try {
            in.mark(SNIFF_BYTES);
            byte[] head = in.readNBytes(SNIFF_BYTES);
            in.reset();
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload", e);
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }

    /** Counts the bytes the parser has taken, for the job's percentage. */
    private static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }

    /** Collects what the parser reads and publishes it into the current transaction. */
    private final class Rows implements StatementReader, StatementSink {
        private final UUID jobId;
        private final ImportCommand command;
        private final StatementFormat format;
        private final CountingInputStream counted;
        private final List<RowError> firstErrors = new ArrayList<>();
        /** Rows and errors read since the last chunk went out. */
        private final List<RawTransaction> pending = new ArrayList<>(CHUNK);
        private final List<RowError> pendingErrors = new ArrayList<>();
        private TransactionPublisher.Batch batch;
        private int published;
        /** Counted by the ledger checks, which run on another thread. */
        private final AtomicInteger newRows = new AtomicInteger();
        private final AtomicInteger duplicates = new AtomicInteger();
        /** The check of the chunk sent last, while the next one is read. */
        private CompletableFuture<Void> ledgerCheck = CompletableFuture.completedFuture(null);
        private int skipped;
        private int rejected;
        /**
         * Lines published and lines reported: a row whose balance does not add up is both imported and reported,
         * and is still one row read.
         */
        private final BitSet publishedLines = new BitSet();
        private final BitSet rejectedLines = new BitSet();
        private int publishedAndReported;
        private long lastProgress = System.nanoTime();
        /** Account numbers as the file writes them, and the account their statements went to. */
        private final Map<String, UUID> placed = new HashMap<>();
        /** The account the current statement's entries go to; null when it could not be placed. */
        private UUID statementAccount;
        private String unplaced;

        Rows(UUID jobId, ImportCommand command, StatementFormat format, CountingInputStream counted) {
            this.jobId = jobId;
            this.command = command;
            this.format = format;
            this.counted = counted;
        }

        int read() {
            return published + skipped + rejected - publishedAndReported;
        }

        ImportProgress progress() {
            return new ImportProgress(read(), published, newRows.get(), duplicates.get(), skipped, rejected,
                    counted.count());
        }

        @Override
        public void accept(StatementLine line) {
            send(toRaw(line), line.line());
        }

        @Override
        public void skip(int line, String reason) {
            skipped++;
            reportNowAndThen();
        }

        @Override
        public void reject(int line, String rawText, String reason) {
            RowError error = new RowError(line, rawText, reason != null ? reason : "The row could not be read");
            rejected++;
            if (line >= 0 && !rejectedLines.get(line)) {
                rejectedLines.set(line);
                if (publishedLines.get(line)) {
                    publishedAndReported++;
                }
            }
            if (firstErrors.size() < ERRORS_IN_RESULT) {
                firstErrors.add(error);
            }
            pendingErrors.add(error);
            Map<String, Object> rejectedRow = new LinkedHashMap<>();
            rejectedRow.put("jobId", jobId.toString());
            rejectedRow.put("userId", command.userId().toString());
            rejectedRow.put("accountId", command.accountId().toString());
            rejectedRow.put("format", format.name());
            rejectedRow.put("line", line);
            rejectedRow.put("rawText", rawText);
            rejectedRow.put("reason", error.reason());
            batch.rejected(command.accountId().toString(), json.writeValueAsBytes(rejectedRow));
            reportNowAndThen();
        }

        private void send(RawTransaction raw, int line) {
            pending.add(raw);
            published++;
            if (line >= 0 && !publishedLines.get(line)) {
                publishedLines.set(line);
                if (rejectedLines.get(line)) {
                    publishedAndReported++;
                }
            }
            if (pending.size() >= CHUNK) {
                flush();
            }
            reportNowAndThen();
        }

        /**
         * Sends the pending rows, counting those the ledger already has (a re-upload, or a receipt an SMS or callback
         * brought first). They are still sent: a statement row may carry what the earlier sighting lacked.
         */
        void flush() {
            if (!pending.isEmpty()) {
                checkAgainstLedger(pending.stream().map(r -> UUID.fromString(r.getId())).toList());
                pending.forEach(batch::raw);
                pending.clear();
            }
            jobs.addErrors(jobId, pendingErrors);
            pendingErrors.clear();
        }

        /**
         * Counts which of the ids the ledger already has, on another thread: the answer only counts rows (every row
         * is sent either way), and waiting for it here, a database round trip every 2,000 rows, held up reading the
         * next ones. One check at a time, so an import never takes more than one more database connection.
         */
        private void checkAgainstLedger(List<UUID> ids) {
            awaitLedgerCheck();
            UUID userId = command.userId();
            ledgerCheck = CompletableFuture.runAsync(() -> {
                int known = jobs.alreadyInLedger(userId, ids).size();
                duplicates.addAndGet(known);
                newRows.addAndGet(ids.size() - known);
            }, ledgerChecks);
        }

        void awaitLedgerCheck() {
            try {
                ledgerCheck.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw e;
            }
        }

        private void reportNowAndThen() {
            long now = System.nanoTime();
            if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
                lastProgress = now;
                flush();
                jobs.progress(jobId, progress());
            }
        }

        /**
         * A file may hold statements of several accounts, and several statements of one. Each goes to the user's
         * account with the same number, else to the one whose number ends in the same four characters; failing that,
         * the first account the file names that way goes to the account chosen for the upload, and any other is
         * refused entry by entry, saying which.
         */
        @Override
        public void statement(StatementHeader header) {
            String number = Objects.toString(header.accountNumber(), "");
            String last4 = AccountNumbers.last4(header.accountNumber());
            UUID account = accounts.byNumber(command.userId(), number)
                    .or(() -> last4 == null ? Optional.empty() : accounts.byLast4(command.userId(), last4))
                    .orElse(null);
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
            String rawText = entry.bookingDate() + " " + entry.amount() + " " + entry.currency() + " "
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
            send(raw, entry.position());
        }

        private RawTransaction toRaw(StatementEntry entry, UUID account) {
            String currency = entry.currency() != null ? entry.currency() : command.accountCurrency();
            Money.currency(currency);
            BigDecimal amount;
            try {
                amount = Money.atStorageScale(entry.amount());
            } catch (ArithmeticException e) {
                // toString, not toPlainString: an absurd exponent must not be spelled out digit by digit
                throw new IllegalArgumentException("Amount " + entry.amount() + " cannot be stored: " + e.getMessage());
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
