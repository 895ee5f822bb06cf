package com.personifi.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;

import com.personifi.ingest.demo.SyntheticMpesaStatement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The {@code import} command against the running platform, as someone moving years of history would use it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ImportCommandLineIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    String email;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void aRegisteredUser() throws Exception {
        email = "cli-" + UUID.randomUUID() + "@example.test";
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/auth/register"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email
                        + "\",\"password\":\"a-long-passphrase\",\"baseCurrency\":\"KES\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void importsAFileDrawingItsProgressAndWritesTheRefusedRowsWhereAsked() throws Exception {
        SyntheticMpesaStatement statement = SyntheticMpesaStatement.generate(77, YearMonth.of(2023, 1), 12, 60);
        String csv = statement.toCsv();
        // one row broken on purpose, after the header: its line is the second of the file
        int firstRowEnd = csv.indexOf('\n', csv.indexOf('\n') + 1);
        String broken = csv.substring(0, csv.indexOf('\n') + 1) + "SXX0000001,2023-02-30 08:00:00,Airtime Purchase,"
                + "Completed,,-5.00,1.00\n" + csv.substring(csv.indexOf('\n') + 1);
        assertThat(firstRowEnd).isPositive();
        Path file = Files.writeString(dir.resolve("mpesa-2023.csv"), broken);
        Path errors = dir.resolve("refused.csv");

        int status = command(Map.of("PERSONIFI_EMAIL", email, "PERSONIFI_PASSWORD", "a-long-passphrase"))
                .run(new String[] {file.toString(), "--server", "http://127.0.0.1:" + port, "--errors",
                        errors.toString()});

        int rows = statement.rowsOldestFirst().size();
        assertThat(status).as(err.toString()).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("100%").contains("#".repeat(30));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("as MPESA_CSV")
                .contains(String.format("%,d new", rows)).contains("1 refused");
        assertThat(Files.readAllLines(errors)).hasSize(2).last().asString().startsWith("2,").contains("SXX0000001");
        assertThat(jdbc.sql("""
                SELECT rows_published FROM import_jobs j JOIN users u ON u.id = j.user_id WHERE u.email = ?""")
                .param(email).query(Integer.class).single()).isEqualTo(rows);
    }

    @Test
    void refusesAStatementPasswordOnTheCommandLineWhereOthersCouldReadIt() {
        int status = command(Map.of()).run(new String[] {"statement.pdf", "--password", "12345678"});

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--password-prompt").doesNotContain("12345678");
    }

    @Test
    void aWrongPasswordIsRefusedAndNothingIsUploaded() throws Exception {
        Path file = Files.writeString(dir.resolve("s.csv"), SyntheticMpesaStatement
                .generate(1, YearMonth.of(2024, 1), 1, 5).toCsv());

        int status = command(Map.of("PERSONIFI_EMAIL", email, "PERSONIFI_PASSWORD", "not-the-passphrase"))
                .run(new String[] {file.toString(), "--server", "http://127.0.0.1:" + port});

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Sign-in refused");
        assertThat(jdbc.sql("SELECT count(*) FROM import_jobs j JOIN users u ON u.id = j.user_id WHERE u.email = ?")
                .param(email).query(Long.class).single()).isZero();
    }

    private ImportCommandLine command(Map<String, String> environment) {
        return new ImportCommandLine(environment, null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
