package com.personifi.api;

import static com.personifi.api.Requests.as;
import static com.personifi.api.Requests.fieldError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

@SpringBootTest
@AutoConfigureMockMvc
class BudgetsIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBudgetIsCreatedWithDefaultsReplacedAndDeleted() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String id = create(user, "{\"category\":\"food\",\"amount\":15000}");
        mvc.perform(as(user, get("/api/v1/budgets/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.currency").value("KES"))
                .andExpect(jsonPath("$.period").value("MONTHLY"))
                .andExpect(jsonPath("$.startDay").value(1))
                .andExpect(jsonPath("$.thresholds[0]").value(50))
                .andExpect(jsonPath("$.thresholds[2]").value(100));
        assertThat(mvc.perform(as(user, get("/api/v1/budgets/" + id))).andReturn().getResponse().getContentAsString())
                .contains("\"amount\":\"15000.00\"");

        mvc.perform(as(user, put("/api/v1/budgets/" + id), """
                        {"category": "transport", "amount": 2500.50, "period": "WEEKLY", "startDay": 5,
                         "thresholds": [75, 100, 150]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.category").value("transport"))
                .andExpect(jsonPath("$.startDay").value(5))
                .andExpect(jsonPath("$.thresholds[2]").value(150));
        mvc.perform(as(user, get("/api/v1/budgets"))).andExpect(jsonPath("$.length()").value(1));
        assertThat(jdbc.sql("SELECT amount FROM budgets WHERE id = ?::uuid").param(id).query(BigDecimal.class).single())
                .isEqualByComparingTo("2500.50");

        mvc.perform(as(user, delete("/api/v1/budgets/" + id))).andExpect(status().isNoContent());
        mvc.perform(as(user, get("/api/v1/budgets/" + id))).andExpect(status().isNotFound());
        mvc.perform(as(user, get("/api/v1/budgets"))).andExpect(jsonPath("$.length()").value(0));
        assertThat(jdbc.sql("""
                        SELECT action || ':' || COALESCE(before->>'amount', '') || '>' || COALESCE(after->>'amount', '')
                        FROM audit_log WHERE entity_type = 'budget' AND entity_id = ? ORDER BY at""")
                .param(id).query(String.class).list())
                .containsExactly("create:>15000.00", "update:15000.00>2500.50", "delete:2500.50>2500.50");
    }

    @Test
    void everyInvalidFieldIsNamed() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        invalid(user, "{\"category\":\"no-such\",\"amount\":100}", "category");
        invalid(user, "{\"amount\":100}", "category");
        invalid(user, "{\"category\":\"food\",\"amount\":0}", "amount");
        invalid(user, "{\"category\":\"food\",\"amount\":-5}", "amount");
        invalid(user, "{\"category\":\"food\"}", "amount");
        invalid(user, "{\"category\":\"food\",\"amount\":10.001}", "amount");
        invalid(user, "{\"category\":\"food\",\"amount\":10.5,\"currency\":\"UGX\"}", "amount");
        invalid(user, "{\"category\":\"food\",\"amount\":10,\"currency\":\"XYZ\"}", "currency");
        invalid(user, "{\"category\":\"food\",\"amount\":10,\"period\":\"DAILY\"}", "period");
        invalid(user, "{\"category\":\"food\",\"amount\":10,\"period\":\"WEEKLY\",\"startDay\":8}", "startDay");
        invalid(user, "{\"category\":\"food\",\"amount\":10,\"startDay\":32}", "startDay");
        invalid(user, "{\"category\":\"food\",\"amount\":10,\"startDay\":0}", "startDay");
        invalid(user, "{\"category\":\"food\",\"amount\":10,\"thresholds\":[80,50]}", "thresholds");
        invalid(user, "{\"category\":\"food\",\"amount\":10,\"thresholds\":[50,50]}", "thresholds");
        invalid(user, "{\"category\":\"food\",\"amount\":10,\"thresholds\":[]}", "thresholds");
        mvc.perform(as(user, post("/api/v1/budgets"), "{\"category\":\"food\",\"amount\":10,\"thresholds\":[0,1001]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field =~ /thresholds.*/)]").exists());
        assertThat(jdbc.sql("SELECT count(*) FROM budgets WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isZero();
    }

    /**
     * Spent is checked against an independent sum over the same rows: periods bounded by hand in Nairobi time, the
     * refund netted, deleted rows, other categories, other base currencies and unconverted rows left out.
     */
    @Test
    void statusCountsEachPeriodInTheUsersTimeZoneAsAnIndependentSumDoes() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        assertThat(jdbc.sql("SELECT time_zone FROM users WHERE id = ?").param(user.userId()).query(String.class)
                .single()).isEqualTo("Africa/Nairobi");
        String monthly = create(user, "{\"category\":\"food\",\"amount\":10000}");
        String weekly = create(user, "{\"category\":\"transport\",\"amount\":1000,\"period\":\"WEEKLY\",\"startDay\":1}");
        String payday = create(user, "{\"category\":\"eating-out\",\"amount\":2000,\"period\":\"CUSTOM\",\"startDay\":25}");
        String monthEnd = create(user, "{\"category\":\"health\",\"amount\":1000,\"period\":\"CUSTOM\",\"startDay\":31,"
                + "\"thresholds\":[10,90,1000]}");

        // monthly, May 2024 in Nairobi (UTC+3)
        food(user, "M1", "2024-04-30T21:30:00Z", "-3000.00");            // 1 May 00:30
        food(user, "M2", "2024-04-30T20:30:00Z", "-777.00");             // 30 April 23:30: before
        food(user, "M3", "2024-05-31T20:59:00Z", "-5100.00");            // 31 May 23:59
        food(user, "M4", "2024-05-31T21:00:00Z", "-888.00");             // 1 June 00:00: after
        food(user, "M5", "2024-05-10T09:00:00Z", "500.00");              // a refund
        food(user, "M6", "2024-05-11T09:00:00Z", "-0.0050");             // rounds away, half to even
        jdbc.sql("UPDATE transactions SET deleted_at = now() WHERE id = ?")
                .param(food(user, "M7", "2024-05-12T09:00:00Z", "-999.00")).update();
        LedgerRow.of(user, "M8", "2024-05-12T09:00:00Z", "-50.00", "dinner").category("eating-out", "RULE")
                .converted("KES", "-0.39", "USD").insert(jdbc);
        LedgerRow.of(user, "M9", "2024-05-12T09:00:00Z", "-60.00", "groceries").category("food", "BUILT_IN")
                .converted("TZS", null, "KES").insert(jdbc);
        // weekly from Monday 13 May
        row(user, "W1", "2024-05-12T21:00:00Z", "-200.00", "transport");   // Monday 00:00
        row(user, "W2", "2024-05-12T20:59:59Z", "-999.00", "transport");   // Sunday before
        row(user, "W3", "2024-05-19T20:00:00Z", "-300.00", "transport");   // Sunday 23:00
        // from payday the 25th
        row(user, "C1", "2024-04-24T22:00:00Z", "-1000.00", "eating-out"); // 25 April 01:00
        row(user, "C2", "2024-04-24T20:00:00Z", "-555.00", "eating-out");  // 24 April 23:00
        row(user, "C3", "2024-05-24T20:00:00Z", "-1000.00", "eating-out"); // 24 May 23:00
        row(user, "C4", "2024-05-24T21:00:00Z", "-444.00", "eating-out");  // 25 May 00:00
        // from the 31st, which February does not have: 31 January to 28 February 2024
        row(user, "E1", "2024-01-30T21:00:00Z", "-400.00", "health");      // 31 January 00:00
        row(user, "E2", "2024-02-28T20:00:00Z", "-100.00", "health");      // 28 February 23:00
        row(user, "E3", "2024-02-28T21:00:00Z", "-333.00", "health");      // 29 February 00:00

        List<JsonNode> may = statusOn(user, "2024-05-15");
        JsonNode food = byId(may, monthly);
        expect(user, food, "food", "2024-05-01", "2024-05-31", List.of(50));
        assertThat(Requests.decimal(food.get("spent"))).isEqualByComparingTo("7600.00");
        assertThat(Requests.decimal(food.get("remaining"))).isEqualByComparingTo("2400.00");
        assertThat(Requests.decimal(food.get("percent"))).isEqualByComparingTo("76.00");
        expect(user, byId(may, weekly), "transport", "2024-05-13", "2024-05-19", List.of(50));
        expect(user, byId(may, payday), "eating-out", "2024-04-25", "2024-05-24", List.of(50, 80, 100));
        expect(user, byId(statusOn(user, "2024-02-15"), monthEnd), "health", "2024-01-31", "2024-02-28", List.of(10));
    }

    @Test
    void aRefundInTheCategoryLowersSpendingBelowAThreshold() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String id = create(user, "{\"category\":\"shopping\",\"amount\":1000}");
        row(user, "R1", "2024-05-03T09:00:00Z", "-850.00", "shopping");
        assertThat(byId(statusOn(user, "2024-05-20"), id).get("thresholdsCrossed")).extracting(JsonNode::asInt)
                .containsExactly(50, 80);

        row(user, "R2", "2024-05-04T09:00:00Z", "200.00", "shopping");

        JsonNode after = byId(statusOn(user, "2024-05-20"), id);
        assertThat(Requests.decimal(after.get("spent"))).isEqualByComparingTo("650.00");
        assertThat(after.get("thresholdsCrossed")).extracting(JsonNode::asInt).containsExactly(50);
    }

    @Test
    void aUserMayKeepAtMostOneHundredBudgets() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String body = "{\"category\":\"food\",\"amount\":10000}";
        mvc.perform(as(user, post("/api/v1/budgets"), body)).andExpect(status().isCreated());
        // the rest as the first one, straight into the table
        jdbc.sql("""
                        INSERT INTO budgets (id, user_id, category, amount, currency, period, start_day, thresholds)
                        SELECT gen_random_uuid(), user_id, category, amount, currency, period, start_day, thresholds
                        FROM budgets, generate_series(2, 100) WHERE user_id = ?""")
                .param(user.userId()).update();

        mvc.perform(as(user, post("/api/v1/budgets"), body)).andExpect(status().isConflict());

        assertThat(jdbc.sql("SELECT count(*) FROM budgets WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isEqualTo(100);
    }

    /** The figures against a sum PostgreSQL makes over the local dates, without the API's code. */
    private void expect(ApiClient.SignedIn user, JsonNode status, String category, String first, String last,
                        List<Integer> crossed) {
        BigDecimal independent = jdbc.sql("""
                        SELECT COALESCE(sum(-amount_in_base), 0) FROM transactions
                        WHERE user_id = ? AND category = ? AND base_currency = 'KES' AND deleted_at IS NULL
                          AND (occurred_at AT TIME ZONE 'Africa/Nairobi')::date BETWEEN ?::date AND ?::date""")
                .params(user.userId(), category, first, last).query(BigDecimal.class).single();
        BigDecimal limit = Requests.decimal(status.get("amount"));
        assertThat(status.get("category").asString()).isEqualTo(category);
        assertThat(status.get("periodStart").asString()).isEqualTo(first);
        assertThat(status.get("periodEnd").asString()).isEqualTo(last);
        assertThat(Requests.decimal(status.get("spent")))
                .isEqualByComparingTo(independent.setScale(2, RoundingMode.HALF_EVEN));
        assertThat(Requests.decimal(status.get("remaining")))
                .isEqualByComparingTo(limit.subtract(independent).setScale(2, RoundingMode.HALF_EVEN));
        assertThat(Requests.decimal(status.get("percent"))).isEqualByComparingTo(independent
                .multiply(BigDecimal.valueOf(100)).divide(limit, 2, RoundingMode.HALF_EVEN));
        assertThat(status.get("thresholdsCrossed")).extracting(JsonNode::asInt).containsExactlyElementsOf(crossed);
    }

    private List<JsonNode> statusOn(ApiClient.SignedIn user, String date) throws Exception {
        List<JsonNode> statuses = new ArrayList<>();
        Requests.read(mvc.perform(as(user, get("/api/v1/budgets/status?date=" + date))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).forEach(statuses::add);
        return statuses;
    }

    private static JsonNode byId(List<JsonNode> statuses, String id) {
        return statuses.stream().filter(s -> s.get("budgetId").asString().equals(id)).findFirst().orElseThrow();
    }

    private java.util.UUID food(ApiClient.SignedIn user, String ref, String at, String amount) {
        return row(user, ref, at, amount, "food");
    }

    private java.util.UUID row(ApiClient.SignedIn user, String ref, String at, String amount, String category) {
        return LedgerRow.of(user, ref, at, amount, "Purchase " + ref).category(category, "BUILT_IN").insert(jdbc);
    }

    private String create(ApiClient.SignedIn user, String body) throws Exception {
        return Requests.read(mvc.perform(as(user, post("/api/v1/budgets"), body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asString();
    }

    private void invalid(ApiClient.SignedIn user, String body, String field) throws Exception {
        mvc.perform(as(user, post("/api/v1/budgets"), body)).andExpect(status().isBadRequest())
                .andExpect(fieldError(field));
    }
}
