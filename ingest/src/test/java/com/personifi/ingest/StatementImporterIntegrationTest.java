package com.personifi.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.personifi.ingest.demo.SyntheticMpesaStatement;
import com.personifi.ingest.job.AccountDirectory;
import com.personifi.ingest.job.BankCsvProfiles;
import com.personifi.ingest.job.ImportJob;
import com.personifi.ingest.job.ImportJobs;
import com.personifi.ingest.job.ImportQueue;
import com.personifi.ingest.job.TransactionPublisher;
import com.personifi.ingest.mpesa.MpesaPdfFixture;
import com.personifi.ingest.statement.csv.BankCsvProfile;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.testing.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

@SpringBootTest
class StatementImporterIntegrationTest {

    @Autowired
    StatementImporter importer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImportJobs jobs;

    @Autowired
    ImportQueue queue;

    @Autowired
    TransactionPublisher publisher;

    @Autowired
    AccountDirectory directory;

    @Autowired
    BankCsvProfiles csvProfiles;

    UUID userId;
    UUID accountId;

    @BeforeEach
    void givenAUserWithAnMpesaAccount() {
        userId = UUID.randomUUID();
        accountId = UUID.randomUUID();
        jdbc.sql("INSERT INTO users (id, email, password_hash) VALUES (?, ?, 'x')")
                .params(userId, userId + "@example.test").update();
        jdbc.sql("INSERT INTO accounts (id, user_id, name, type, currency) VALUES (?, ?, 'M-Pesa', 'MOBILE_MONEY', 'KES')")
                .params(accountId, userId).update();
    }

    @Test
    void publishesEveryRowOfAStatementAndRecordsTheCompletedJob() {
        SyntheticMpesaStatement statement = SyntheticMpesaStatement.generate(11, YearMonth.of(2024, 5), 2, 30);

        ImportResult result = importer.importStatement(command(), stream(statement.toCsv()));

        int rows = statement.rowsOldestFirst().size();
        assertThat(result.status()).isEqualTo("COMPLETED");
        assertThat(result.published()).isEqualTo(rows);
        assertThat(result.rejected()).isZero();
        List<RawTransaction> published = rawTransactionsOf(accountId, rows);
        assertThat(published).hasSize(rows);
        assertThat(published.stream().map(RawTransaction::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(statement.rowsOldestFirst().stream().map(SyntheticMpesaStatement.Row::amount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(published).allSatisfy(t -> {
            assertThat(t.getUserId()).isEqualTo(userId.toString());
            assertThat(t.getCurrency()).isEqualTo("KES");
            assertThat(t.getImportJobId()).isEqualTo(result.jobId().toString());
        });
        Map<String, Object> job = jdbc.sql("SELECT status, rows_read, rows_published FROM import_jobs WHERE id = ?")
                .param(result.jobId()).query().singleRow();
        assertThat(job).containsEntry("status", "COMPLETED").containsEntry("rows_read", rows)
                .containsEntry("rows_published", rows);
    }

    @Test
    void keepsGoodRowsAndRecordsEachBadRowWithItsLine() {
        String csv = "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n"
                + "SBK1111111,2024-02-01 08:00:00,Airtime Purchase,Completed,,-50.00,950.00\n"
                + "SBK2222222,2024-02-31 08:00:00,Airtime Purchase,Completed,,-50.00,900.00\n"
                + "SBK3333333,2024-02-01 09:00:00,Airtime Purchase,Completed,,-25.00,875.00\n";

        ImportResult result = importer.importStatement(command(), stream(csv));

        assertThat(result.published()).isEqualTo(2);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.rawText()).contains("SBK2222222");
        });
        assertThat(jdbc.sql("SELECT line FROM import_job_errors WHERE job_id = ?").param(result.jobId())
                .query(Integer.class).list()).containsExactly(3);
        assertThat(rawTransactionsOf(accountId, 2)).extracting(RawTransaction::getSourceRef)
                .containsExactlyInAnyOrder("SBK1111111", "SBK3333333");
    }

    @Test
    void aFailureHalfWayPublishesNothingAndMarksTheJobFailed() {
        byte[] csv = SyntheticMpesaStatement.generate(3, YearMonth.of(2024, 1), 1, 400).toCsv()
                .getBytes(StandardCharsets.UTF_8);
        InputStream breaksHalfWay = new ByteArrayInputStream(csv) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (pos > csv.length / 2) {
                    throw new IllegalStateException("connection reset by client");
                }
                return super.read(b, off, Math.min(len, 1024));
            }
        };

        assertThatThrownBy(() -> importer.importStatement(command(), breaksHalfWay))
                .hasMessageContaining("connection reset");

        assertThat(jdbc.sql("SELECT status FROM import_jobs WHERE account_id = ?").param(accountId)
                .query(String.class).single()).isEqualTo("FAILED");
        assertThat(rawTransactionsOf(accountId, 0)).isEmpty();
    }

    @Test
    void refusesAFileThatIsNotAStatementSayingWhatItSaw() {
        assertThatThrownBy(() -> importer.importStatement(command(), stream("GIF89a not a statement")))
                .isInstanceOf(UnsupportedStatementException.class)
                .hasMessageContaining("GIF89a");
        assertThatThrownBy(() -> importer.importStatement(command(), stream("%PDF-1.7 not a pdf at all")))
                .isInstanceOf(UnsupportedStatementException.class);
    }

    @Test
    void importsAPasswordProtectedMpesaPdfAndReportsTheRowWhoseBalanceDoesNotAddUp() {
        SyntheticMpesaStatement statement = SyntheticMpesaStatement.generate(23, YearMonth.of(2024, 3), 2, 40);
        int rows = statement.rowsOldestFirst().size();
        int misprinted = 12;
        SyntheticMpesaStatement.Row row = statement.rowsOldestFirst().get(rows - 1 - misprinted);
        byte[] pdf = MpesaPdfFixture.of(statement).password("24681357")
                .tamperBalance(misprinted, new BigDecimal("250.00")).render();
        UploadPassword password = UploadPassword.of("24681357".toCharArray());
        ImportCommand command = new ImportCommand(userId, accountId, "KES", "statement.pdf",
                ImportCommand.DEFAULT_TIME_ZONE, password);

        ImportResult result = importer.importStatement(command, new ByteArrayInputStream(pdf));

        assertThat(result.format()).isEqualTo("MPESA_PDF");
        assertThat(result.published()).isEqualTo(rows);
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(misprinted + 1);
            assertThat(error.rawText()).contains(row.receipt());
            assertThat(error.reason()).contains(row.balance().add(new BigDecimal("250.00")).toPlainString(),
                    row.balance().toPlainString());
        });
        assertThat(jdbc.sql("SELECT line FROM import_job_errors WHERE job_id = ?").param(result.jobId())
                .query(Integer.class).list()).containsExactly(misprinted + 1);
        List<RawTransaction> published = rawTransactionsOf(accountId, rows);
        assertThat(published).hasSize(rows);
        assertThat(published.stream().map(RawTransaction::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(statement.rowsOldestFirst().stream().map(SyntheticMpesaStatement.Row::amount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
        // the password was cleared once read, and the command never prints it
        assertThat(password.characters()).containsOnly('\0');
        assertThat(command.toString()).doesNotContain("24681357").contains("****");
    }

    @Test
    void refusesAProtectedPdfWhoseGivenPasswordIsWrongWithoutRepeatingIt() {
        byte[] pdf = MpesaPdfFixture.of(SyntheticMpesaStatement.generate(5, YearMonth.of(2024, 1), 1, 10))
                .password("11223344").render();
        ImportCommand command = new ImportCommand(userId, accountId, "KES", "statement.pdf",
                ImportCommand.DEFAULT_TIME_ZONE, UploadPassword.of("99887766".toCharArray()));

        assertThatThrownBy(() -> importer.importStatement(command, new ByteArrayInputStream(pdf)))
                .isInstanceOf(StatementPasswordException.class)
                .hasMessageNotContaining("99887766");
        assertThat(jdbc.sql("SELECT failure FROM import_jobs WHERE account_id = ?").param(accountId)
                .query(String.class).single()).doesNotContain("99887766");
    }

    @Test
    void importsAnOfxFileAsBankStatementTransactionsKeyedByTheBanksOwnIds() throws Exception {
        ImportResult result = importer.importStatement(command(), resource("statements/ofx/ofxparse_checking.ofx"));

        assertThat(result.format()).isEqualTo("OFX");
        assertThat(result.published()).isEqualTo(3);
        assertThat(result.rejected()).isZero();
        List<RawTransaction> published = rawTransactionsOf(accountId, 3);
        assertThat(published).extracting(RawTransaction::getSourceRef)
                .containsExactlyInAnyOrder("0000486", "0000487", "0000488");
        assertThat(published).allSatisfy(t -> {
            assertThat(t.getSource()).isEqualTo(com.personifi.schemas.events.TransactionSource.BANK_STATEMENT);
            assertThat(t.getCurrency()).isEqualTo("USD");
            assertThat(t.getDescription()).isNotBlank();
        });
        assertThat(published.stream().map(RawTransaction::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("-59.50");
    }

    @Test
    void placesEachStatementOfAMultiAccountFileInTheAccountItsNumberNamesAndRefusesOneThatNamesNone() throws Exception {
        UUID card = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO accounts (id, user_id, name, type, currency, number_last4)
                VALUES (?, ?, 'Visa', 'CARD', 'USD', '4444')""").params(card, userId).update();

        ImportResult withCard = importer.importStatement(command(),
                resource("statements/ofx/personifi_bank_and_card.ofx"));

        // the bank statement names no account of the user: as the file's first, it goes to the one chosen
        assertThat(withCard.published()).isEqualTo(5);
        assertThat(rawTransactionsOf(card, 1)).singleElement().satisfies(t -> {
            assertThat(t.getSourceRef()).isEqualTo("CC-9");
            assertThat(t.getAmount()).isEqualByComparingTo("-12.99");
        });
        assertThat(rawTransactionsOf(accountId, 4)).hasSize(4);

        jdbc.sql("UPDATE accounts SET deleted_at = now() WHERE id = ?").param(card).update();
        ImportResult withoutCard = importer.importStatement(command(),
                resource("statements/ofx/personifi_bank_and_card.ofx"));
        assertThat(withoutCard.published()).isEqualTo(4);
        assertThat(withoutCard.errors()).anySatisfy(error ->
                assertThat(error.reason()).contains("****4444").contains("matches none of your accounts"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "statements/ofx/ofxparse_bank_medium.ofx, OFX, 3",
            "statements/ofx/ofxparse_checking.ofx, OFX, 3",
            "statements/ofx/ofxparse_suncorp.ofx, OFX, 1",
            "statements/ofx/node-ofx_example-xml.qfx, OFX, 1",
            "statements/qif/jemmyw-qif_3_records_ddmmyy.qif, QIF, 3",
            "statements/qif/jemmyw-qif_3_records_mmddyyyy.qif, QIF, 3",
            "statements/qif/jemmyw-qif_3_records_separator.qif, QIF, 3",
            "statements/mt940/jejik_ing.sta, MT940, 7",
            "statements/camt053/genkgo_camt053.v2.multi.statement.xml, CAMT053, 2",
            "statements/camt053/genkgo_camt053.v8.xml, CAMT053, 1"})
    void recognisesEachBankFormatFromItsContentAndPublishesEveryEntry(String file, String format, int entries) {
        ImportResult result = importer.importStatement(
                new ImportCommand(userId, accountId, "KES", "upload.bin"), resource(file));

        assertThat(result.format()).isEqualTo(format);
        assertThat(result.published()).isEqualTo(entries);
        assertThat(rawTransactionsOf(accountId, entries)).hasSize(entries)
                .allSatisfy(t -> assertThat(t.getDescription()).isNotBlank());
    }

    @Test
    void keepsEveryStatementOfOneAccountTogetherAndReportsABalanceThatDoesNotAddUp() {
        ImportResult result = importer.importStatement(command(), resource("statements/mt940/jejik_abnamro.sta"));

        assertThat(result.format()).isEqualTo("MT940");
        assertThat(result.published()).isEqualTo(10);
        // the file's own closing balances do not follow from its opening balances and entries: said, not hidden
        assertThat(result.errors()).extracting(RowError::reason).satisfiesExactly(
                first -> assertThat(first).contains("2914.84", "876.84"),
                second -> assertThat(second).contains("2852.35", "1849.75"));
    }

    @Test
    void aSubmittedUploadIsImportedInTheBackgroundAndItsJobCountsEveryRow() throws Exception {
        SyntheticMpesaStatement statement = SyntheticMpesaStatement.generate(31, YearMonth.of(2024, 6), 2, 40);
        int rows = statement.rowsOldestFirst().size();

        ImportJob queued = importer.submit(command(), stream(statement.toCsv()));

        assertThat(queued.status()).isIn(ImportJob.Status.QUEUED, ImportJob.Status.RUNNING);
        assertThat(queued.format()).isEqualTo("MPESA_CSV");
        assertThat(queued.bytesTotal()).isEqualTo(statement.toCsv().getBytes(StandardCharsets.UTF_8).length);
        ImportJob done = awaitFinished(queued.id());
        assertThat(done.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.bytesRead()).isEqualTo(done.bytesTotal());
        assertThat(done.published()).isEqualTo(rows);
        assertThat(done.newRows()).isEqualTo(rows);
        assertThat(done.duplicates()).isZero();
        assertThat(rawTransactionsOf(accountId, rows)).hasSize(rows);
        // nobody else can see it
        assertThat(jobs.find(UUID.randomUUID(), queued.id())).isEmpty();
    }

    @Test
    void rowsTheLedgerAlreadyHoldsAreCountedAsDuplicatesAndStillSentSoTheStatementCanAddWhatTheyLacked() {
        String csv = "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n"
                + "SDU1111111,2024-02-01 08:00:00,Airtime Purchase,Completed,,-50.00,950.00\n"
                + "SDU2222222,2024-02-02 08:00:00,Airtime Purchase,Completed,,-50.00,900.00\n";
        jdbc.sql("""
                INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date, amount,
                    currency, description, category, category_source, category_confidence, base_currency,
                    fx_rate_status)
                VALUES (?, ?, ?, 'SDU1111111', 'SMS', now(), current_date, -50, 'KES', 'Airtime', 'airtime',
                    'BUILT_IN', 90, 'KES', 'OFFICIAL')""")
                .params(com.personifi.schemas.ids.TransactionIds.transactionId(accountId, "SDU1111111"), userId,
                        accountId)
                .update();

        ImportResult result = importer.importStatement(command(), stream(csv));

        assertThat(result.published()).isEqualTo(2);
        assertThat(result.newRows()).isEqualTo(1);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(rawTransactionsOf(accountId, 2)).hasSize(2);
    }

    @Test
    void uploadsOfOnePersonArrivingTogetherQueueNoMoreThanTheirShare() throws Exception {
        int arriving = 8;
        ExecutorService uploads = Executors.newFixedThreadPool(arriving);
        try {
            CountDownLatch together = new CountDownLatch(1);
            List<Future<Boolean>> queued = new ArrayList<>();
            for (int i = 0; i < arriving; i++) {
                queued.add(uploads.submit(() -> {
                    together.await();
                    return jobs.queueWithin(3, UUID.randomUUID(), userId, accountId, "statement.csv", "MPESA_CSV", 10);
                }));
            }
            together.countDown();
            long accepted = 0;
            for (Future<Boolean> each : queued) {
                accepted += each.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(accepted).isEqualTo(3);
            assertThat(jobs.unfinished(userId)).isEqualTo(3);
        } finally {
            uploads.shutdownNow();
        }
    }

    @Test
    void anUploadOverTheRowLimitIsRefusedBeforeAnyJobIsQueued() {
        StatementImporter limited = new StatementImporter(publisher, jobs, queue, directory,
                new ImportSettings(DataSize.ofMegabytes(1), 10, 1, 1, 3, null), csvProfiles);
        String csv = SyntheticMpesaStatement.generate(7, YearMonth.of(2024, 1), 1, 30).toCsv();

        assertThatThrownBy(() -> limited.submit(command(), stream(csv)))
                .isInstanceOf(ImportTooLargeException.class).hasMessageContaining("10 lines");
        assertThat(jdbc.sql("SELECT count(*) FROM import_jobs WHERE account_id = ?").param(accountId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aJobWhoseProcessStoppedIsReportedAsFailedNotAsRunningForever() {
        UUID jobId = UUID.randomUUID();
        jobs.queue(jobId, userId, accountId, "lost.csv", "MPESA_CSV", 1000);
        jobs.start(jobId);
        jdbc.sql("UPDATE import_jobs SET updated_at = now() - interval '5 minutes' WHERE id = ?").param(jobId).update();

        ImportJob job = jobs.find(userId, jobId).orElseThrow();

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.failure()).contains("stopped before it finished");
    }

    @Test
    void aBankCsvInNoBuiltInFormatIsReadWithTheUsersSavedProfileWhoseHeaderItCarries() throws Exception {
        BankCsvProfile equity = BankCsvProfile.builder()
                .headerSignature("Transaction Date", "Value Date", "Narrative", "Transaction Reference", "Debit",
                        "Credit", "Running Balance")
                .dateFormat("dd-MM-yyyy").thousandsSeparator(",")
                .date(BankCsvProfile.Column.named("Transaction Date"))
                .description(BankCsvProfile.Column.named("Narrative"))
                .reference(BankCsvProfile.Column.named("Transaction Reference"))
                .debitCredit(BankCsvProfile.Column.named("Debit"), BankCsvProfile.Column.named("Credit"))
                .balance(BankCsvProfile.Column.named("Running Balance"))
                .currency("KES").build();
        String csv = "Transaction Date,Value Date,Narrative,Transaction Reference,Debit,Credit,Running Balance\n"
                + "02-05-2024,02-05-2024,SALARY MAY,FT2405020001,,\"85,000.00\",\"86,000.00\"\n"
                + "03-05-2024,03-05-2024,KPLC PREPAID,FT2405030002,\"2,000.00\",,\"84,000.00\"\n";
        assertThatThrownBy(() -> importer.importStatement(command(), stream(csv)))
                .isInstanceOf(UnsupportedStatementException.class).hasMessageContaining("saved CSV profiles");

        csvProfiles.create(userId, "Equity current account", equity);
        ImportResult result = importer.importStatement(command(), stream(csv));

        assertThat(result.format()).isEqualTo("BANK_CSV");
        assertThat(result.published()).isEqualTo(2);
        assertThat(rawTransactionsOf(accountId, 2)).extracting(RawTransaction::getSourceRef)
                .containsExactlyInAnyOrder("FT2405020001", "FT2405030002");
        // another user's profile is not theirs to use
        UUID stranger = UUID.randomUUID();
        assertThat(csvProfiles.of(stranger)).isEmpty();
    }

    private ImportJob awaitFinished(UUID jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ImportJob job = jobs.find(userId, jobId).orElseThrow();
        while (!job.status().finished()) {
            assertThat(System.nanoTime()).as("import finished within 30 s").isLessThan(deadline);
            Thread.sleep(100);
            job = jobs.find(userId, jobId).orElseThrow();
        }
        return job;
    }

    private ImportCommand command() {
        return new ImportCommand(userId, accountId, "KES", "statement.csv");
    }

    private static InputStream resource(String path) {
        return java.util.Objects.requireNonNull(StatementImporterIntegrationTest.class.getClassLoader()
                .getResourceAsStream(path), path);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The committed raw transactions of the account (a failed import must have none: wait a little for them), each
     * keyed by its user.
     */
    private static List<RawTransaction> rawTransactionsOf(UUID account, int expected) {
        AvroSerde<RawTransaction> serde = AvroSerde.of(RawTransaction.class);
        var records = TopicReader.read(Topics.RAW_TRANSACTIONS,
                r -> serde.deserialize(r.topic(), r.value()).getAccountId().equals(account.toString()), expected,
                Duration.ofSeconds(expected == 0 ? 3 : 20));
        List<RawTransaction> transactions = records.stream().map(r -> serde.deserialize(r.topic(), r.value())).toList();
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).key()).isEqualTo(transactions.get(i).getUserId());
        }
        return transactions;
    }
}
