package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

@SpringBootTest
@AutoConfigureMockMvc
class CsvProfilesIntegrationTest {

    /** A layout in the style of an Equity Bank Kenya export; the rows below are made up. */
    static final String EQUITY = """
            {"name":"Equity current account","profile":{
              "headerSignature":["Transaction Date","Value Date","Narrative","Transaction Reference","Debit","Credit",
                                 "Running Balance"],
              "dateFormat":"dd-MM-yyyy","thousandsSeparator":",","amountMode":"DEBIT_CREDIT","currency":"KES",
              "columns":{"date":{"name":"Transaction Date"},"description":[{"name":"Narrative"}],
                         "reference":{"name":"Transaction Reference"},"debit":{"name":"Debit"},
                         "credit":{"name":"Credit"},"balance":{"name":"Running Balance"}}}}""";

    static final String EXPORT = "Equity Bank\nAccount: 0123456789012\n"
            + "Transaction Date,Value Date,Narrative,Transaction Reference,Debit,Credit,Running Balance\n"
            + "02-05-2024,02-05-2024,SALARY MAY,FT2405020001,,\"85,000.00\",\"86,000.00\"\n"
            + "03-05-2024,03-05-2024,KPLC PREPAID,FT2405030002,\"2,000.00\",,\"84,000.00\"\n"
            + "31-05-2024,31-05-2024,LEDGER FEE,FT2405310003,30.00,,\"83,970.00\"\n";

    @Autowired
    MockMvc mvc;

    @Test
    void aSavedProfileReadsItsBanksExportsRecognisedByTheirHeader() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        mvc.perform(post("/api/v1/imports/csv-profiles").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(EQUITY))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.profile.dateFormat").value("dd-MM-yyyy"));

        String jobId = ApiClient.json(mvc.perform(multipart("/api/v1/imports").file(file(EXPORT))
                        .header("Authorization", user.bearer()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.format").value("BANK_CSV"))
                .andReturn().getResponse().getContentAsString()).get("jobId").asString();

        JsonNode job = awaitFinished(user, jobId);
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("published").asInt()).isEqualTo(3);
        assertThat(job.get("rejected").asInt()).isZero();
    }

    @Test
    void anInvalidProfileIsRefusedListingEveryWrongField() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        mvc.perform(post("/api/v1/imports/csv-profiles").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"name":"broken","profile":{"headerSignature":["Date","Amount"],"dateFormat":"qq/zz",
                                 "decimalSeparator":",","thousandsSeparator":",","amountMode":"DEBIT_CREDIT",
                                 "columns":{"date":{"name":"Date"},"description":[{"name":"Date"}]}}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems(
                        "profile.dateFormat", "profile.thousandsSeparator")));
    }

    @Test
    void anotherUsersProfileIsNotFoundAndCannotReadTheirUploads() throws Exception {
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn intruder = ApiClient.signUp(mvc, "KES");
        String id = ApiClient.json(mvc.perform(post("/api/v1/imports/csv-profiles")
                        .header("Authorization", owner.bearer()).contentType(MediaType.APPLICATION_JSON).content(EQUITY))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();

        mvc.perform(get("/api/v1/imports/csv-profiles/" + id).header("Authorization", intruder.bearer()))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/imports/csv-profiles/" + id).header("Authorization", intruder.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(EQUITY))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/imports/csv-profiles/" + id).header("Authorization", intruder.bearer()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/imports/csv-profiles").header("Authorization", intruder.bearer()))
                .andExpect(jsonPath("$.length()").value(0));
        // neither by name nor by content: the intruder's upload of the same export is in no format they have
        mvc.perform(multipart("/api/v1/imports").file(file(EXPORT)).param("csvProfileId", id)
                        .header("Authorization", intruder.bearer()))
                .andExpect(status().isNotFound());
        mvc.perform(multipart("/api/v1/imports").file(file(EXPORT)).header("Authorization", intruder.bearer()))
                .andExpect(status().isUnsupportedMediaType());

        mvc.perform(delete("/api/v1/imports/csv-profiles/" + id).header("Authorization", owner.bearer()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/imports/csv-profiles/" + id).header("Authorization", owner.bearer()))
                .andExpect(status().isNotFound());
    }

    private JsonNode awaitFinished(ApiClient.SignedIn user, String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode job = ApiClient.json(mvc.perform(get("/api/v1/imports/" + jobId)
                    .header("Authorization", user.bearer())).andReturn().getResponse().getContentAsString());
            String state = job.get("status").asString();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return job;
            }
            assertThat(System.nanoTime()).as("import finished within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static MockMultipartFile file(String text) {
        return new MockMultipartFile("file", "export.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }
}
