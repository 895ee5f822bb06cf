package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.UUID;

import com.personifi.ingest.demo.SyntheticMpesaStatement;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockPart;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** The row limit is lowered so a file of modest size can pass it. */
@SpringBootTest(properties = "personifi.imports.max-rows=1000")
@AutoConfigureMockMvc
class ImportsIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anUploadIsAcceptedAsAJobWhoseProgressCanBeFollowedUntilEveryRowIsCounted() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        SyntheticMpesaStatement statement = SyntheticMpesaStatement.generate(5, YearMonth.of(2024, 2), 1, 25);

        String accepted = mvc.perform(multipart("/api/v1/imports").file(csv(statement.toCsv()))
                        .header("Authorization", user.bearer()))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/imports/")))
                .andExpect(jsonPath("$.format").value("MPESA_CSV"))
                .andReturn().getResponse().getContentAsString();
        String jobId = ApiClient.json(accepted).get("jobId").asString();

        JsonNode job = awaitFinished(user, jobId);
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("published").asInt()).isEqualTo(statement.rowsOldestFirst().size());
        assertThat(job.get("newRows").asInt()).isEqualTo(statement.rowsOldestFirst().size());
        assertThat(job.get("rejected").asInt()).isZero();
        assertThat(job.get("percent").asInt()).isEqualTo(100);
    }

    @Test
    void theRefusedRowsOfAnImportDownloadAsCsvWithTheirLinesAndReasons() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String csv = "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n"
                + "SER1000001,2024-06-03 09:00:00,Airtime Purchase,Completed,,-100.00,900.00\n"
                + "SER1000002,2024-06-04 09:00:00,\"=HYPERLINK(\"\"x\"\")\",Completed,,-1OO.00,800.00\n"
                + "SER1000003,2024-06-05 09:00:00,Airtime Purchase,Completed,,-100.00,700.00\n";
        String jobId = ApiClient.json(mvc.perform(multipart("/api/v1/imports").file(csv(csv))
                        .header("Authorization", user.bearer()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString())
                .get("jobId").asString();
        JsonNode job = awaitFinished(user, jobId);
        assertThat(job.get("published").asInt()).isEqualTo(2);
        assertThat(job.get("rejected").asInt()).isEqualTo(1);

        String errors = mvc.perform(get("/api/v1/imports/" + jobId + "/errors").header("Authorization", user.bearer()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(errors.lines().toList()).hasSize(2).first().isEqualTo("line,raw_text,reason");
        assertThat(errors.lines().skip(1).findFirst().orElseThrow()).startsWith("3,\"SER1000002")
                .contains("Withdrawn");
    }

    @Test
    void anotherUsersImportIsNotFoundNorItsErrorsNorItsEvents() throws Exception {
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn intruder = ApiClient.signUp(mvc, "KES");
        String jobId = ApiClient.json(mvc.perform(multipart("/api/v1/imports")
                        .file(csv(SyntheticMpesaStatement.generate(8, YearMonth.of(2024, 3), 1, 5).toCsv()))
                        .header("Authorization", owner.bearer()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString())
                .get("jobId").asString();

        for (String path : new String[] {"", "/errors", "/events"}) {
            mvc.perform(get("/api/v1/imports/" + jobId + path).header("Authorization", intruder.bearer()))
                    .andExpect(status().isNotFound());
        }
    }

    @Test
    void aPersonWithThreeImportsUnfinishedIsAskedToWaitButAnAbandonedOneDoesNotCount() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String csv = SyntheticMpesaStatement.generate(11, YearMonth.of(2024, 4), 1, 3).toCsv();
        running(user, Duration.ZERO);
        running(user, Duration.ZERO);
        running(user, Duration.ofMinutes(5));

        mvc.perform(multipart("/api/v1/imports").file(csv(csv)).header("Authorization", user.bearer()))
                .andExpect(status().isAccepted());
        // a third running elsewhere, whether or not the one just accepted has finished
        running(user, Duration.ZERO);

        mvc.perform(multipart("/api/v1/imports").file(csv(csv)).header("Authorization", user.bearer()))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("3 imports")));
    }

    /** An import another instance is running, last marked alive {@code ago}. */
    private void running(ApiClient.SignedIn user, Duration ago) {
        jdbc.sql("INSERT INTO import_jobs (id, user_id, account_id, status, updated_at) VALUES (?, ?, ?, 'RUNNING', "
                        + "now() - make_interval(secs => ?))")
                .params(UUID.randomUUID(), user.userId(), user.walletId(), ago.toSeconds()).update();
    }

    @Test
    void aFileWithMoreRowsThanAnImportTakesIsRefusedWith413() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String tooLong = SyntheticMpesaStatement.generate(9, YearMonth.of(2024, 1), 12, 100).toCsv();

        mvc.perform(multipart("/api/v1/imports").file(csv(tooLong)).header("Authorization", user.bearer()))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("1000 lines")));
    }

    @Test
    void aFileThatIsNotAStatementIsUnsupportedMediaSayingWhatWasSeen() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        mvc.perform(multipart("/api/v1/imports").file(csv("Date;Amount\n2024-01-01;5\n"))
                        .header("Authorization", user.bearer()))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Date;Amount")));
    }

    @Test
    void anotherUsersAccountIsNotFound() throws Exception {
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn intruder = ApiClient.signUp(mvc, "KES");

        mvc.perform(multipart("/api/v1/imports").file(csv("irrelevant")).param("accountId", owner.walletId().toString())
                        .header("Authorization", intruder.bearer()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aProtectedPdfIsOpenedWithThePasswordFormFieldAndAWrongOneIsRefusedWithoutRepeatingIt() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        MockMultipartFile pdf = new MockMultipartFile("file", "statement.pdf", "application/pdf",
                protectedLetter("24681357"));

        mvc.perform(multipart("/api/v1/imports").file(pdf).part(new MockPart("password", "99887766".getBytes()))
                        .header("Authorization", user.bearer()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("99887766"))));
        // the right password opens it: what is refused then is its content, a letter and not a statement
        mvc.perform(multipart("/api/v1/imports").file(pdf).part(new MockPart("password", "24681357".getBytes()))
                        .header("Authorization", user.bearer()))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("DETAILED STATEMENT")));
    }

    private JsonNode awaitFinished(ApiClient.SignedIn user, String jobId) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode job = ApiClient.json(mvc.perform(get("/api/v1/imports/" + jobId)
                            .header("Authorization", user.bearer()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            String state = job.get("status").asString();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return job;
            }
            assertThat(System.nanoTime()).as("import finished within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static byte[] protectedLetter(String password) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(50, 700);
                content.showText("Dear customer, this is a letter.");
                content.endText();
            }
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", password, new AccessPermission());
            policy.setEncryptionKeyLength(256);
            document.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static MockMultipartFile csv(String text) {
        return new MockMultipartFile("file", "statement.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }
}
