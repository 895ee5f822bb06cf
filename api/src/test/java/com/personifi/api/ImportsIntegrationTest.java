package com.personifi.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;

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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockPart;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class ImportsIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void anUploadedStatementIsReadRowByRowIntoTheUsersWallet() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        SyntheticMpesaStatement statement = SyntheticMpesaStatement.generate(5, YearMonth.of(2024, 2), 1, 25);

        mvc.perform(multipart("/api/v1/imports").file(csv(statement.toCsv())).header("Authorization", user.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.format").value("MPESA_CSV"))
                .andExpect(jsonPath("$.published").value(statement.rowsOldestFirst().size()))
                .andExpect(jsonPath("$.rejected").value(0));
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
