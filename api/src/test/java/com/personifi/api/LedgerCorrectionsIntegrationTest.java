package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * A person's changes that move money between budgets are written to the outbox in their own database transaction, for
 * CDC to carry to {@code ledger.corrections} (keyed by user; {@code connectors/…/CdcIntegrationTest} reads them there),
 * as the ledger holds the transaction afterwards; a change that moves none writes nothing, a change undone nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LedgerCorrectionsIntegrationTest {

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

        List<JsonNode> told = told(user);
        // the person's own category is kept against later updates from the stream; a rule's is not
        assertThat(told).extracting(c -> c.get("transactionId").asString() + " " + c.get("category").asString()
                        + " manual=" + c.get("manualCategory").asBoolean()
                        + " deleted=" + c.get("deleted").asBoolean())
                .containsExactly(lunch + " eating-out manual=true deleted=false",
                        lunch + " eating-out manual=true deleted=true", lunch + " eating-out manual=true deleted=false",
                        naivas + " shopping manual=false deleted=false");
        assertThat(told).allSatisfy(c -> assertThat(c.get("budgets").isNull()).isTrue());
        JsonNode first = told.get(0);
        assertThat(first.get("userId").asString()).isEqualTo(user.userId().toString());
        assertThat(first.get("amountInBase").asString()).isEqualTo("-250.0000");
        assertThat(first.get("baseCurrency").asString()).isEqualTo("KES");
        assertThat(first.get("occurredAt").asString()).isEqualTo("2024-05-02T08:00:00Z");
    }

    @Test
    void aChangeThatFailsLeavesNothingToTell() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        UUID lunch = LedgerRow.of(user, "LC3", "2024-05-02T08:00:00Z", "-250.00", "Lunch")
                .category("food", "BUILT_IN").insert(jdbc);

        mvc.perform(patch("/api/v1/transactions/" + lunch).header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"category\":\"no-such-category\"}"))
                .andExpect(status().is4xxClientError());

        assertThat(told(user)).isEmpty();
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

        assertThat(told(user)).singleElement().satisfies(recount -> {
            assertThat(recount.get("transactionId").asString()).isEqualTo(groceries.toString());
            assertThat(recount.get("manualCategory").asBoolean()).isFalse();
            assertThat(recount.get("amountInBase").asString()).isEqualTo("-700.0000");
            JsonNode budgets = ApiClient.json(recount.get("budgets").asString());
            assertThat(budgets.get("user_id").asString()).isEqualTo(user.userId().toString());
            assertThat(budgets.at("/budgets/0/id").asString()).isEqualTo(budget);
            assertThat(budgets.at("/budgets/0/category").asString()).isEqualTo("food");
            assertThat(budgets.at("/budgets/0/amount").asString()).isEqualTo("1000.00");
            assertThat(budgets.at("/budgets/0/start_day").asInt()).isEqualTo(1);
        });
    }

    /** The corrections the user's changes left in the outbox, in the order they were committed. */
    private List<JsonNode> told(ApiClient.SignedIn user) {
        return jdbc.sql("""
                        SELECT payload::text FROM outbox WHERE aggregatetype = 'ledger-correction' AND aggregateid = ?
                        ORDER BY created_at, id""")
                .param(user.userId().toString()).query(String.class).list().stream().map(ApiClient::json).toList();
    }
}
