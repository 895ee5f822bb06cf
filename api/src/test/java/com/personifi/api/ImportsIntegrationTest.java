package com.personifi.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;

import com.personifi.ingest.demo.SyntheticMpesaStatement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
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

    private static MockMultipartFile csv(String text) {
        return new MockMultipartFile("file", "statement.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }
}
