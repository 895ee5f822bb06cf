package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.personifi.schemas.Topics;
import com.personifi.schemas.events.LedgerCorrection;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * A person's changes that move money between budgets reach the stream's budgets on {@code ledger.corrections}, keyed
 * by user, as the ledger holds the transaction afterwards; a change that moves none sends nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LedgerCorrectionsIntegrationTest {

    private final AvroSerde<LedgerCorrection> serde = AvroSerde.of(LedgerCorrection.class);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewCategoryADeleteARestoreAndARuleAppliedAreEachToldToTheBudgets() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        UUID lunch = LedgerRow.of(user, "LC1", "2024-05-02T08:00:00Z", "-250.00", "Lunch at Java House")
                .category("food", "BUILT_IN").insert(jdbc);
        UUID naivas = LedgerRow.of(user, "LC2", "2024-05-03T08:00:00Z", "-1500.00", "Merchant Payment to NAIVAS")
                .insert(jdbc);

        mvc.perform(patch("/api/v1/transactions/" + lunch).header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"category\":\"eating-out\"}"))
                .andExpect(status().isOk());
        // notes alone move no money between budgets
        mvc.perform(patch("/api/v1/transactions/" + lunch).header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"notes\":\"with the team\"}"))
                .andExpect(status().isOk());
        mvc.perform(delete("/api/v1/transactions/" + lunch).header("Authorization", user.bearer()))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/v1/transactions/" + lunch + "/restore").header("Authorization", user.bearer()))
                .andExpect(status().isOk());
        String rule = ApiClient.json(mvc.perform(post("/api/v1/rules").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"conditions": {"descriptionContains": "naivas"}, "actions": {"category": "shopping"}}"""))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        mvc.perform(post("/api/v1/rules/" + rule + "/apply").header("Authorization", user.bearer()))
                .andExpect(status().isOk());

        List<LedgerCorrection> told = TopicReader.read(Topics.LEDGER_CORRECTIONS,
                        r -> user.userId().toString().equals(r.key()), 4, Duration.ofSeconds(30)).stream()
                .map(r -> serde.deserialize(r.topic(), r.value())).toList();
        // the person's own category is kept against later updates from the stream; a rule's is not
        assertThat(told).extracting(c -> c.getTransactionId() + " " + c.getCategory() + " manual="
                        + c.getManualCategory() + " deleted=" + c.getDeleted())
                .containsExactly(lunch + " eating-out manual=true deleted=false",
                        lunch + " eating-out manual=true deleted=true", lunch + " eating-out manual=true deleted=false",
                        naivas + " shopping manual=false deleted=false");
        assertThat(told).allSatisfy(c -> assertThat(c.getBudgets()).isNull());
        LedgerCorrection first = told.get(0);
        assertThat(first.getUserId()).isEqualTo(user.userId().toString());
        assertThat(first.getAmountInBase()).isEqualByComparingTo("-250.00");
        assertThat(first.getBaseCurrency()).isEqualTo("KES");
        assertThat(first.getOccurredAt()).isEqualTo(java.time.Instant.parse("2024-05-02T08:00:00Z"));
    }

    /** A budget made mid-period has the period's transactions in its category counted anew under it. */
    @Test
    void aNewBudgetHasThisPeriodsTransactionsInItsCategoryCountedAnewUnderIt() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        java.time.Instant now = java.time.Instant.now();
        UUID groceries = LedgerRow.of(user, "NB1", now.toString(), "-700.00", "Groceries")
                .category("food", "BUILT_IN").insert(jdbc);
        LedgerRow.of(user, "NB2", now.toString(), "-50.00", "Matatu")
                .category("transport", "BUILT_IN").insert(jdbc);
        LedgerRow.of(user, "NB3", now.minus(Duration.ofDays(62)).toString(), "-900.00", "Groceries, long ago")
                .category("food", "BUILT_IN").insert(jdbc);

        String budget = ApiClient.json(mvc.perform(post("/api/v1/budgets").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"category\":\"food\",\"amount\":1000}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();

        List<LedgerCorrection> told = TopicReader.read(Topics.LEDGER_CORRECTIONS,
                        r -> user.userId().toString().equals(r.key()), 1, Duration.ofSeconds(30)).stream()
                .map(r -> serde.deserialize(r.topic(), r.value())).toList();
        assertThat(told).singleElement().satisfies(recount -> {
            assertThat(recount.getTransactionId()).isEqualTo(groceries.toString());
            assertThat(recount.getManualCategory()).isFalse();
            assertThat(recount.getAmountInBase()).isEqualByComparingTo("-700.00");
            JsonNode budgets = ApiClient.json(recount.getBudgets());
            assertThat(budgets.get("user_id").asString()).isEqualTo(user.userId().toString());
            assertThat(budgets.at("/budgets/0/id").asString()).isEqualTo(budget);
            assertThat(budgets.at("/budgets/0/category").asString()).isEqualTo("food");
            assertThat(budgets.at("/budgets/0/amount").asString()).isEqualTo("1000.00");
            assertThat(budgets.at("/budgets/0/start_day").asInt()).isEqualTo(1);
        });
    }
}
