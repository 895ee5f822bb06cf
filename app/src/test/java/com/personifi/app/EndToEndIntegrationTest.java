package com.personifi.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Upload to dashboard through every module on the real embedded stack: HTTP → ingest → Kafka → streams → Kafka →
 * sink → PostgreSQL → REST and GraphQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EndToEndIntegrationTest {

    private static final String HEADER =
            "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void theReadmeSampleStatementShowsItsOwnTotalsOnTheDashboardAndAReuploadChangesNothing() throws Exception {
        byte[] sample;
        try (InputStream in = getClass().getResourceAsStream("/samples/mpesa-statement-2024-05.csv")) {
            sample = in.readAllBytes();
        }
        Totals expected = Totals.of(new String(sample, StandardCharsets.UTF_8));
        String token = http.signUp("KES");

        Http.FollowedImport first = http.importStatement(token, "statement.csv", sample);
        assertThat(first.events()).last().isEqualTo("completed");
        assertThat(first.job().get("newRows").asInt()).isEqualTo(expected.rows());
        JsonNode dashboard = awaitDashboard(token, "2024-05", expected.rows());

        assertThat(dashboard.get("currency").asString()).isEqualTo("KES");
        assertThat(new BigDecimal(dashboard.get("income").asString())).isEqualByComparingTo(expected.paidIn());
        assertThat(new BigDecimal(dashboard.get("spending").asString())).isEqualByComparingTo(expected.withdrawn());
        assertThat(new BigDecimal(dashboard.get("net").asString()))
                .isEqualByComparingTo(expected.paidIn().subtract(expected.withdrawn()));
        JsonNode graphQl = http.postJson("/graphql", token,
                "{\"query\":\"{ dashboard(month: \\\"2024-05\\\") { income spending net } }\"}").body();
        assertThat(graphQl.at("/data/dashboard/income").asString()).isEqualTo(dashboard.get("income").asString());
        assertThat(graphQl.at("/data/dashboard/spending").asString()).isEqualTo(dashboard.get("spending").asString());

        Http.FollowedImport again = http.importStatement(token, "statement-again.csv", sample);
        // a later row of the same account travels the same partitions behind the re-upload: once it has landed, the
        // re-upload has been through every stage
        http.upload("/api/v1/imports", token, "june.csv", (HEADER
                + "SEF9999999,2024-06-01 08:00:00,Airtime Purchase,Completed,,-10.00,100.00\n")
                .getBytes(StandardCharsets.UTF_8));
        awaitDashboard(token, "2024-06", 1);
        assertThat(http.get("/api/v1/dashboard?month=2024-05", token).body()).isEqualTo(dashboard);
        // one row per statement line, still attributed to the first upload: the second added and changed nothing
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE import_job_id = ?")
                .param(java.util.UUID.fromString(first.job().get("jobId").asString())).query(Long.class).single())
                .isEqualTo(expected.rows());
        // the re-upload found every row already in the ledger
        assertThat(again.job().get("newRows").asInt()).isZero();
        assertThat(again.job().get("duplicates").asInt()).isEqualTo(expected.rows());
    }

    @Test
    void theSmsTheCallbackAndTheStatementRowOfOneReceiptAreOneTransaction() throws Exception {
        String token = http.signUp("KES");
        String wallet = http.get("/api/v1/accounts", token).body().get(0).get("id").asString();
        JsonNode feed = http.postJson("/api/v1/feeds/mpesa", token, "{\"accountId\":\"" + wallet + "\"}").body();

        // the same receipt, SKE1234567, seen three ways: synthetic messages with made-up names and numbers
        Http.Response callback = http.postJson("/api/v1/feeds/mpesa/" + feed.get("id").asString() + "?token="
                + feed.get("token").asString(), """
                {"TransactionType":"Pay Bill","TransID":"SKE1234567","TransTime":"20240815143000",
                 "TransAmount":"650.00","BusinessShortCode":"600134","BillRefNumber":"rent","InvoiceNumber":"",
                 "OrgAccountBalance":"4650.00","ThirdPartyTransID":"","MSISDN":"254745123316","FirstName":"EVANS",
                 "MiddleName":"","LastName":"KIMATHI"}""");
        assertThat(callback.status()).isEqualTo(200);
        // the callback alone makes the transaction: the SMS and the statement row then find it there
        await(() -> jdbc.sql("SELECT count(*) FROM transactions WHERE source_ref = 'SKE1234567'")
                .query(Long.class).single() == 1);
        Http.Response sms = http.postJson("/api/v1/feeds/sms", token, "{\"text\":\"SKE1234567 Confirmed.You have"
                + " received Ksh650.00 from EVANS KIMATHI 0745123316 on 15/8/24 at 2:30 PM New M-PESA balance is"
                + " Ksh4,650.00.\"}");
        assertThat(sms.status()).isEqualTo(202);
        Http.FollowedImport statement = http.importStatement(token, "august.csv", (HEADER
                + "SKE1234567,2024-08-15 14:30:00,Funds received from - 2547*****316 EVANS KIMATHI,Completed,"
                + "650.00,,4650.00\n").getBytes(StandardCharsets.UTF_8));
        assertThat(statement.events()).last().isEqualTo("completed");
        // a later row of the same account travels the same partitions behind all three
        http.importStatement(token, "september.csv", (HEADER
                + "SKE7654321,2024-09-01 08:00:00,Airtime Purchase,Completed,,-10.00,4640.00\n")
                .getBytes(StandardCharsets.UTF_8));
        awaitDashboard(token, "2024-09", 1);

        Map<String, Object> ledger = jdbc.sql("""
                SELECT count(*) AS rows, sum(amount) AS total, max(balance) AS balance, max(counterparty) AS who
                FROM transactions WHERE source_ref LIKE 'SKE1234567%'""").query().singleRow();
        assertThat(ledger.get("rows")).isEqualTo(1L);
        assertThat((BigDecimal) ledger.get("total")).isEqualByComparingTo("650.00");
        assertThat((BigDecimal) ledger.get("balance")).isEqualByComparingTo("4650.00");
        assertThat(ledger.get("who")).isNotNull();
        JsonNode august = http.get("/api/v1/dashboard?month=2024-08", token).body();
        assertThat(august.get("transactionCount").asInt()).isEqualTo(1);
        assertThat(new BigDecimal(august.get("income").asString())).isEqualByComparingTo("650.00");
    }

    @Test
    void aMalformedRowIsReportedOnItsLineAndTheGoodRowsStillLand() throws Exception {
        String token = http.signUp("KES");
        String csv = HEADER
                + "SEF1000001,2024-06-03 09:00:00,Airtime Purchase,Completed,,-100.00,900.00\n"
                + "SEF1000002,2024-06-04 09:00:00,Airtime Purchase,Completed,,-1OO.00,800.00\n"
                + "SEF1000003,2024-06-05 09:00:00,Funds received from - 2547*****123 JANE DOE,Completed,2500.00,,3300.00\n"
                + "SEF1000004,2024-06-06 09:00:00,Merchant Payment to 5995543 - NAIVAS,Completed,,-300.00,3000.00\n";

        JsonNode job = http.importStatement(token, "june.csv", csv.getBytes(StandardCharsets.UTF_8)).job();

        assertThat(job.get("published").asInt()).isEqualTo(3);
        assertThat(job.get("rejected").asInt()).isEqualTo(1);
        String errors = http.getText("/api/v1/imports/" + job.get("jobId").asString() + "/errors", token);
        assertThat(errors.lines().skip(1).toList()).singleElement()
                .satisfies(row -> assertThat(row).startsWith("3,").contains("Withdrawn"));
        JsonNode dashboard = awaitDashboard(token, "2024-06", 3);
        assertThat(dashboard.get("income").asString()).isEqualTo("2500.00");
        assertThat(dashboard.get("spending").asString()).isEqualTo("400.00");
    }

    @Test
    void aDollarUserSeesShillingsConvertedAtTheCentralBankRateOfEachDay() throws Exception {
        String token = http.signUp("USD");
        String csv = HEADER
                + "SGB1000001,2016-10-05 10:00:00,Airtime Purchase,Completed,,-50.00,950.00\n"
                + "SGB1000002,2016-10-11 10:00:00,Funds received from - 2547*****123 JANE DOE,Completed,\"12,345.67\",,13295.67\n"
                + "SGB1000003,2016-10-12 10:00:00,Merchant Payment to 5995543 - NAIVAS,Completed,,-999.99,12295.68\n"
                + "SGB1000004,2016-10-13 10:00:00,Pay Bill Online to 888880 Acc. 123,Completed,,-2000.00,10295.68\n";
        http.upload("/api/v1/imports", token, "oct-2016.csv", csv.getBytes(StandardCharsets.UTF_8));

        JsonNode dashboard = awaitDashboard(token, "2016-10", 4);

        // CBK: 1 USD = 101.2847 KES on 11 Oct, 101.2953 on 13 Oct; 12 Oct takes the 11th's rate (provisional);
        // 5 Oct predates every USD rate, so it stays unconverted rather than guessed
        BigDecimal oct11 = BigDecimal.ONE.divide(new BigDecimal("101.2847"), 10, RoundingMode.HALF_EVEN);
        BigDecimal oct13 = BigDecimal.ONE.divide(new BigDecimal("101.2953"), 10, RoundingMode.HALF_EVEN);
        BigDecimal income = usd("12345.67", oct11);
        BigDecimal spending = usd("999.99", oct11).add(usd("2000.00", oct13));
        assertThat(dashboard.get("currency").asString()).isEqualTo("USD");
        assertThat(new BigDecimal(dashboard.get("income").asString())).isEqualByComparingTo(income);
        assertThat(new BigDecimal(dashboard.get("spending").asString())).isEqualByComparingTo(spending);
        assertThat(dashboard.get("unconvertedCount").asInt()).isEqualTo(1);
        Map<String, Object> provisional = jdbc.sql("""
                SELECT fx_rate_status, fx_rate_date FROM transactions WHERE source_ref = 'SGB1000003'""")
                .query().singleRow();
        assertThat(provisional).containsEntry("fx_rate_status", "PROVISIONAL")
                .containsEntry("fx_rate_date", java.sql.Date.valueOf(LocalDate.of(2016, 10, 11)));
    }

    private static BigDecimal usd(String shillings, BigDecimal rate) {
        return new BigDecimal(shillings).multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** The statement's own sums, read straight from its columns. */
    record Totals(int rows, BigDecimal paidIn, BigDecimal withdrawn) {
        static Totals of(String csv) throws Exception {
            int rows = 0;
            BigDecimal in = BigDecimal.ZERO;
            BigDecimal out = BigDecimal.ZERO;
            try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new java.io.StringReader(csv))) {
                for (CSVRecord r : parser) {
                    rows++;
                    if (!r.get("Paid In").isBlank()) {
                        in = in.add(new BigDecimal(r.get("Paid In").replace(",", "")));
                    }
                    if (!r.get("Withdrawn").isBlank()) {
                        out = out.add(new BigDecimal(r.get("Withdrawn").replace(",", "")).abs());
                    }
                }
            }
            return new Totals(rows, in, out);
        }
    }

    /** Polls until all {@code rows} of the month reached the ledger, converted or not. */
    private JsonNode awaitDashboard(String token, String month, int rows) throws Exception {
        JsonNode[] last = new JsonNode[1];
        await(() -> {
            last[0] = http.get("/api/v1/dashboard?month=" + month, token).body();
            return last[0].get("transactionCount").asInt() + last[0].get("unconvertedCount").asInt() == rows;
        });
        return last[0];
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("pipeline caught up within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
