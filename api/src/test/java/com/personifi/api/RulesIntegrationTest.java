package com.personifi.api;

import static com.personifi.api.Requests.as;
import static com.personifi.api.Requests.fieldError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

@SpringBootTest
@AutoConfigureMockMvc
class RulesIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRuleIsCreatedReadChangedAndDeletedAndStoredInTheStreamsShape() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String id = create(user, """
                {"priority": 20, "conditions": {"descriptionContains": "  KPLC ", "minAmount": -5000.00,
                 "direction": "OUT", "paymentMethod": "MPESA_STATEMENT"},
                 "actions": {"category": "electricity", "addTags": ["bills", "bills", "power"]}}""");
        create(user, "{\"conditions\":{\"merchantCode\":\"123456\"},\"actions\":{\"category\":\"food\"}}");

        mvc.perform(as(user, get("/api/v1/rules/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.priority").value(20))
                .andExpect(jsonPath("$.conditions.descriptionContains").value("KPLC"))
                .andExpect(jsonPath("$.conditions.direction").value("OUT"))
                .andExpect(jsonPath("$.actions.addTags.length()").value(2));
        mvc.perform(as(user, get("/api/v1/rules"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].id").value(id))
                .andExpect(jsonPath("$[1].priority").value(100));
        Map<String, Object> stored = jdbc.sql("""
                        SELECT conditions->>'description_contains' AS contains, conditions->>'min_amount' AS min,
                               jsonb_typeof(conditions->'min_amount') AS min_type, conditions->>'payment_method' AS method,
                               actions->>'category' AS category, actions->'add_tags' ->> 1 AS second_tag
                        FROM category_rules WHERE id = ?::uuid""").param(id).query().singleRow();
        assertThat(stored).containsEntry("contains", "KPLC").containsEntry("min", "-5000.00")
                .containsEntry("min_type", "string").containsEntry("method", "MPESA_STATEMENT")
                .containsEntry("category", "electricity").containsEntry("second_tag", "power");

        mvc.perform(as(user, put("/api/v1/rules/" + id), """
                        {"conditions": {"counterpartyContains": "kplc"}, "actions": {"category": "utilities"}}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.priority").value(100))
                .andExpect(jsonPath("$.conditions.descriptionContains").doesNotExist())
                .andExpect(jsonPath("$.conditions.counterpartyContains").value("kplc"));
        mvc.perform(as(user, patch("/api/v1/rules/" + id), "{\"priority\": 5}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.priority").value(5))
                .andExpect(jsonPath("$.actions.category").value("utilities"));

        mvc.perform(as(user, delete("/api/v1/rules/" + id))).andExpect(status().isNoContent());
        mvc.perform(as(user, get("/api/v1/rules/" + id))).andExpect(status().isNotFound());
        mvc.perform(as(user, get("/api/v1/rules"))).andExpect(jsonPath("$.length()").value(1));
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM category_rules WHERE id = ?::uuid").param(id)
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("""
                        SELECT action FROM audit_log WHERE entity_type = 'category_rule' AND entity_id = ?
                        ORDER BY at""").param(id).query(String.class).list())
                .containsExactly("create", "update", "update", "delete");
    }

    @Test
    void everyInvalidConditionAndActionIsAFieldError() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn other = ApiClient.signUp(mvc, "KES");
        invalid(user, "{\"conditions\":{\"descriptionRegex\":\"" + "a".repeat(301) + "\"},\"actions\":{\"category\":\"food\"}}",
                "conditions.descriptionRegex");
        invalid(user, "{\"conditions\":{\"descriptionRegex\":\"([a-z\"},\"actions\":{\"category\":\"food\"}}",
                "conditions.descriptionRegex");
        invalid(user, "{\"conditions\":{\"descriptionRegex\":\"[[:alpha:]]+\"},\"actions\":{\"category\":\"food\"}}",
                "conditions.descriptionRegex");
        invalid(user, "{\"conditions\":{\"descriptionContains\":\" \"},\"actions\":{\"category\":\"food\"}}",
                "conditions.descriptionContains");
        invalid(user, "{\"conditions\":{\"minAmount\":-10,\"maxAmount\":-20},\"actions\":{\"category\":\"food\"}}",
                "conditions.minAmount");
        invalid(user, "{\"conditions\":{\"minAmount\":1.00001},\"actions\":{\"category\":\"food\"}}",
                "conditions.minAmount");
        invalid(user, "{\"conditions\":{\"accountId\":\"" + other.walletId() + "\"},\"actions\":{\"category\":\"food\"}}",
                "conditions.accountId");
        invalid(user, "{\"conditions\":{\"direction\":\"SIDEWAYS\"},\"actions\":{\"category\":\"food\"}}",
                "conditions.direction");
        invalid(user, "{\"conditions\":{\"currency\":\"XYZ\"},\"actions\":{\"category\":\"food\"}}",
                "conditions.currency");
        invalid(user, "{\"conditions\":{\"currency\":\"kes\"},\"actions\":{\"category\":\"food\"}}",
                "conditions.currency");
        invalid(user, "{\"conditions\":{\"paymentMethod\":\"CARRIER_PIGEON\"},\"actions\":{\"category\":\"food\"}}",
                "conditions.paymentMethod");
        invalid(user, "{\"conditions\":{},\"actions\":{\"category\":\"food\"}}", "conditions");
        invalid(user, "{\"conditions\":{\"merchantCode\":\"1\"},\"actions\":{\"category\":\"no-such\"}}",
                "actions.category");
        invalid(user, "{\"conditions\":{\"merchantCode\":\"1\"},\"actions\":{\"addTags\":[]}}", "actions");
        mvc.perform(as(user, post("/api/v1/rules"),
                        "{\"conditions\":{\"merchantCode\":\"1\"},\"actions\":{\"addTags\":[\" \"]}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field =~ /actions\\.addTags.*/)]").exists());
        invalid(user, "{\"conditions\":{\"merchantCode\":\"1\"},\"actions\":{\"renameCounterparty\":\"\"}}",
                "actions.renameCounterparty");
        invalid(user, "{\"priority\":-1,\"conditions\":{\"merchantCode\":\"1\"},\"actions\":{\"category\":\"food\"}}",
                "priority");
        invalid(user, "{\"actions\":{\"category\":\"food\"}}", "conditions");
        // a misspelt condition would otherwise leave a rule matching more than meant
        mvc.perform(as(user, post("/api/v1/rules"),
                        "{\"conditions\":{\"descripton_contains\":\"x\"},\"actions\":{\"category\":\"food\"}}"))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("SELECT count(*) FROM category_rules WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void previewListsExactlyTheRowsApplyThenChangesLeavingPeoplesChoicesAlone() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn other = ApiClient.signUp(mvc, "KES");
        UUID plain = LedgerRow.of(user, "P1", "2024-05-02T08:00:00Z", "-1500.00", "Merchant Payment to NAIVAS WESTLANDS")
                .insert(jdbc);
        UUID chosen = LedgerRow.of(user, "P2", "2024-05-03T08:00:00Z", "-900.00", "Merchant Payment to NAIVAS JUNCTION")
                .category("eating-out", "MANUAL").insert(jdbc);
        UUID shaped = LedgerRow.of(user, "P3", "2024-05-04T08:00:00Z", "-200.00", "Naivas Mlolongo")
                .counterparty("Naivas Supermarket").category("shopping", "RULE").insert(jdbc);
        jdbc.sql("UPDATE transactions SET tags = '{groceries}' WHERE id = ?").param(shaped).update();
        UUID deleted = LedgerRow.of(user, "P4", "2024-05-05T08:00:00Z", "-50.00", "NAIVAS").insert(jdbc);
        jdbc.sql("UPDATE transactions SET deleted_at = now() WHERE id = ?").param(deleted).update();
        UUID tagsOnly = LedgerRow.of(user, "P5", "2024-05-06T08:00:00Z", "-75.00", "naivas express")
                .counterparty("Naivas Supermarket").category("shopping", "BUILT_IN").insert(jdbc);
        jdbc.sql("UPDATE transactions SET tags = '{weekend}' WHERE id = ?").param(tagsOnly).update();
        UUID unrelated = LedgerRow.of(user, "P6", "2024-05-07T08:00:00Z", "-60.00", "Airtime Purchase").insert(jdbc);
        UUID notYours = LedgerRow.of(other, "P7", "2024-05-02T08:00:00Z", "-10.00", "NAIVAS").insert(jdbc);
        String rule = create(user, """
                {"conditions": {"descriptionContains": "naivas"},
                 "actions": {"category": "shopping", "addTags": ["groceries"], "renameCounterparty": "Naivas Supermarket"}}""");

        JsonNode preview = Requests.read(mvc.perform(as(user, post("/api/v1/rules/" + rule + "/preview")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        assertThat(preview.get("total").asLong()).isEqualTo(2);
        assertThat(preview.get("skippedManual").asLong()).isEqualTo(1);
        assertThat(ids(preview.get("changes"))).containsExactly(tagsOnly.toString(), plain.toString());
        JsonNode first = preview.get("changes").get(1);
        assertThat(first.get("before").get("category").asString()).isEqualTo("uncategorized");
        assertThat(first.get("after").get("category").asString()).isEqualTo("shopping");
        assertThat(first.get("after").get("categorySource").asString()).isEqualTo("RULE");
        assertThat(first.get("before").get("counterparty").isNull()).isTrue();
        assertThat(first.get("after").get("counterparty").asString()).isEqualTo("Naivas Supermarket");
        assertThat(first.get("after").get("tags").get(0).asString()).isEqualTo("groceries");
        assertThat(Requests.decimal(first.get("amount"))).isEqualByComparingTo("-1500.00");
        assertThat(preview.get("changes").get(0).get("after").get("tags")).extracting(JsonNode::asString)
                .containsExactly("weekend", "groceries");

        mvc.perform(as(user, post("/api/v1/rules/" + rule + "/apply"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.changed").value(2))
                .andExpect(jsonPath("$.skippedManual").value(1));

        Map<String, Object> applied = row(plain);
        assertThat(applied).containsEntry("category", "shopping").containsEntry("category_source", "RULE")
                .containsEntry("counterparty", "Naivas Supermarket").containsEntry("tags", "{groceries}");
        assertThat(((Number) applied.get("category_confidence")).intValue()).isEqualTo(100);
        assertThat(row(tagsOnly)).containsEntry("tags", "{weekend,groceries}").containsEntry("category_source", "RULE");
        assertThat(row(chosen)).containsEntry("category", "eating-out").containsEntry("category_source", "MANUAL")
                .containsEntry("counterparty", null).containsEntry("tags", "{}");
        assertThat(row(deleted)).containsEntry("category", "uncategorized");
        assertThat(row(unrelated)).containsEntry("category", "uncategorized");
        assertThat(row(notYours)).containsEntry("category", "uncategorized");
        Map<String, Object> audit = jdbc.sql("""
                        SELECT actor_id, before->>'category' AS before_category, after->>'category' AS after_category,
                               after->>'amount' AS amount, after->>'ruleId' AS rule
                        FROM audit_log WHERE entity_type = 'transaction' AND entity_id = ? AND action = 'apply-rule'""")
                .param(plain.toString()).query().singleRow();
        assertThat(audit).containsEntry("actor_id", user.userId()).containsEntry("before_category", "uncategorized")
                .containsEntry("after_category", "shopping").containsEntry("amount", "-1500.0000")
                .containsEntry("rule", rule);
        assertThat(jdbc.sql("""
                        SELECT after->>'changed' FROM audit_log
                        WHERE entity_type = 'category_rule' AND entity_id = ? AND action = 'apply'""")
                .param(rule).query(String.class).single()).isEqualTo("2");

        mvc.perform(as(user, post("/api/v1/rules/" + rule + "/preview"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0))
                .andExpect(jsonPath("$.changes.length()").value(0));
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("""
                        SELECT category, category_source, category_confidence, counterparty, tags::text AS tags
                        FROM transactions WHERE id = ?""").param(id).query().singleRow();
    }

    private String create(ApiClient.SignedIn user, String body) throws Exception {
        return Requests.read(mvc.perform(as(user, post("/api/v1/rules"), body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asString();
    }

    @Test
    void aUserMayKeepAtMostTwoHundredRules() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String body = "{\"conditions\":{\"descriptionContains\":\"KPLC\"},\"actions\":{\"category\":\"utilities\"}}";
        mvc.perform(as(user, post("/api/v1/rules"), body)).andExpect(status().isCreated());
        // the rest as the first one, straight into the table
        jdbc.sql("""
                        INSERT INTO category_rules (id, user_id, priority, conditions, actions)
                        SELECT gen_random_uuid(), user_id, priority, conditions, actions
                        FROM category_rules, generate_series(2, 200) WHERE user_id = ?""")
                .param(user.userId()).update();

        mvc.perform(as(user, post("/api/v1/rules"), body)).andExpect(status().isConflict());

        assertThat(jdbc.sql("SELECT count(*) FROM category_rules WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isEqualTo(200);
    }

    @Test
    void aPatternOnlyTheDatabaseRefusesIsAFieldErrorUnderAnIdempotencyKeyToo() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        // possessive: Java compiles it, PostgreSQL does not; the refusal must not break the request's transaction
        String body = "{\"conditions\":{\"descriptionRegex\":\"kplc++\"},\"actions\":{\"category\":\"no-such\"}}";

        mvc.perform(as(user, post("/api/v1/rules"), body).header("Idempotency-Key", "possessive-rule"))
                .andExpect(status().isBadRequest())
                .andExpect(fieldError("conditions.descriptionRegex"))
                .andExpect(fieldError("actions.category"));
    }

    private void invalid(ApiClient.SignedIn user, String body, String field) throws Exception {
        mvc.perform(as(user, post("/api/v1/rules"), body)).andExpect(status().isBadRequest())
                .andExpect(fieldError(field));
    }

    static List<String> ids(JsonNode changes) {
        List<String> ids = new ArrayList<>();
        changes.forEach(change -> ids.add(change.get("transactionId").asString()));
        return ids;
    }
}
