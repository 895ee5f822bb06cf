package com.personifi.api;

import static com.personifi.api.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;

import com.personifi.schemas.RedisKeys;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@SpringBootTest
@AutoConfigureMockMvc
class RulesGraphQlIntegrationTest {

    private static final String RULE = "id priority conditions { descriptionContains counterpartyContains "
            + "descriptionRegex merchantCode minAmount maxAmount accountId direction currency paymentMethod } "
            + "actions { category addTags renameCounterparty } createdAt updatedAt";
    private static final String SAVE = "rule { " + RULE + " } errors { code field message }";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RedissonClient redis;

    @Test
    void theRulesAreListedInTheOrderTheCategorizerTriesThem() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String later = rest(user, "{\"priority\":200,\"conditions\":{\"merchantCode\":\"888880\"},"
                + "\"actions\":{\"category\":\"utilities\",\"addTags\":[\"kplc\"]}}");
        String first = rest(user, "{\"priority\":5,\"conditions\":{\"descriptionContains\":\"naivas\",\"minAmount\":"
                + "-5000.50,\"direction\":\"OUT\"},\"actions\":{\"category\":\"food\"}}");

        JsonNode rules = GraphQlAnswers.data(mvc, user, "{ rules { " + RULE + " } }", GraphQlAnswers.variables())
                .get("rules");

        assertThat(rules).extracting(r -> r.get("id").asString()).containsExactly(first, later);
        assertThat(rules.get(0).get("conditions").get("descriptionContains").asString()).isEqualTo("naivas");
        assertThat(rules.get(0).get("conditions").get("minAmount").asString()).isEqualTo("-5000.50");
        assertThat(rules.get(0).get("conditions").get("direction").asString()).isEqualTo("OUT");
        assertThat(rules.get(0).get("actions").get("addTags")).isEmpty();
        assertThat(rules.get(1).get("actions").get("addTags")).extracting(JsonNode::asString).containsExactly("kplc");
        assertThat(rules.get(1).get("conditions").get("merchantCode").asString()).isEqualTo("888880");
    }

    @Test
    void aRuleIsCreatedChangedInPartAndDeletedWithAnAuditEntryForEach() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ObjectNode create = GraphQlAnswers.variables();
        create.set("input", GraphQlAnswers.JSON.readTree("""
                {"conditions": {"counterpartyContains": "  Mama Mboga ", "accountId": "%s"},
                 "actions": {"category": "food", "addTags": ["market", "market"]}}""".formatted(user.walletId())));

        JsonNode created = GraphQlAnswers.data(mvc, user, "mutation($input: RuleInput!) { createRule(input: $input) "
                + "{ " + SAVE + " } }", create).get("createRule");

        assertThat(created.get("errors")).isEmpty();
        String id = created.get("rule").get("id").asString();
        assertThat(created.get("rule").get("priority").asInt()).isEqualTo(100);
        mvc.perform(as(user, get("/api/v1/rules/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.conditions.counterpartyContains").value("Mama Mboga"))
                .andExpect(jsonPath("$.conditions.accountId").value(user.walletId().toString()))
                .andExpect(jsonPath("$.actions.addTags.length()").value(1));

        ObjectNode patch = GraphQlAnswers.variables().put("id", id);
        patch.set("input", GraphQlAnswers.JSON.createObjectNode().put("priority", 7));
        JsonNode updated = GraphQlAnswers.data(mvc, user, "mutation($id: ID!, $input: UpdateRuleInput!) { "
                + "updateRule(id: $id, input: $input) { " + SAVE + " } }", patch).get("updateRule");

        assertThat(updated.get("errors")).isEmpty();
        mvc.perform(as(user, get("/api/v1/rules/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.priority").value(7))
                .andExpect(jsonPath("$.conditions.counterpartyContains").value("Mama Mboga"))
                .andExpect(jsonPath("$.actions.category").value("food"));

        JsonNode deleted = GraphQlAnswers.data(mvc, user, "mutation($id: ID!) { deleteRule(id: $id) { deletedId "
                + "errors { code } } }", GraphQlAnswers.variables().put("id", id)).get("deleteRule");

        assertThat(deleted.get("deletedId").asString()).isEqualTo(id);
        mvc.perform(as(user, get("/api/v1/rules/" + id))).andExpect(status().isNotFound());
        assertThat(jdbc.sql("""
                        SELECT string_agg(action || ':' || (after->>'priority'), ',' ORDER BY at) FROM audit_log
                        WHERE entity_type = 'category_rule' AND entity_id = ?""")
                .param(id).query(String.class).single()).isEqualTo("create:100,update:7,delete:7");
    }

    @Test
    void previewListsWhatApplyThenChangesAndApplyingMovesTheDashboardsDataVersionOn() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        UUID plain = LedgerRow.of(user, "R1", "2024-05-02T08:00:00Z", "-1500.00", "Merchant Payment to NAIVAS")
                .insert(jdbc);
        UUID chosen = LedgerRow.of(user, "R2", "2024-05-03T08:00:00Z", "-900.00", "NAIVAS JUNCTION")
                .category("eating-out", "MANUAL").insert(jdbc);
        String rule = rest(user, "{\"conditions\":{\"descriptionContains\":\"naivas\"},"
                + "\"actions\":{\"category\":\"shopping\",\"addTags\":[\"groceries\"]}}");
        long versionBefore = redis.getAtomicLong(RedisKeys.dataVersion(user.userId())).get();

        JsonNode preview = GraphQlAnswers.data(mvc, user, "query($id: ID!) { previewRule(id: $id, limit: 10) { "
                + "preview { ruleId total skippedManual changes { transactionId amount currency localDate "
                + "before { category categorySource tags } after { category categorySource tags } } } "
                + "errors { code } } }", GraphQlAnswers.variables().put("id", rule)).get("previewRule").get("preview");

        assertThat(preview.get("total").asInt()).isEqualTo(1);
        assertThat(preview.get("skippedManual").asInt()).isEqualTo(1);
        JsonNode change = preview.get("changes").get(0);
        assertThat(change.get("transactionId").asString()).isEqualTo(plain.toString());
        assertThat(change.get("amount").asString()).isEqualTo("-1500.00");
        assertThat(change.get("before").get("category").asString()).isEqualTo("uncategorized");
        assertThat(change.get("after").get("categorySource").asString()).isEqualTo("RULE");
        assertThat(change.get("after").get("tags")).extracting(JsonNode::asString).containsExactly("groceries");

        JsonNode applied = GraphQlAnswers.data(mvc, user, "mutation($id: ID!) { applyRule(id: $id) { applied { "
                + "ruleId changed skippedManual } errors { code } } }", GraphQlAnswers.variables().put("id", rule))
                .get("applyRule");

        assertThat(applied.get("errors")).isEmpty();
        assertThat(applied.get("applied").get("changed").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT category || ' ' || category_source FROM transactions WHERE id = ?")
                .param(plain).query(String.class).single()).isEqualTo("shopping RULE");
        assertThat(jdbc.sql("SELECT category || ' ' || category_source FROM transactions WHERE id = ?")
                .param(chosen).query(String.class).single()).isEqualTo("eating-out MANUAL");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_log
                        WHERE actor_id = ? AND action IN ('apply', 'apply-rule')""")
                .param(user.userId()).query(Long.class).single()).isEqualTo(2);
        assertThat(redis.getAtomicLong(RedisKeys.dataVersion(user.userId())).get()).isGreaterThan(versionBefore);
    }

    @Test
    void everyInvalidConditionAndActionAndAnotherUsersRuleIsATypedError() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        String theirs = rest(owner, "{\"conditions\":{\"descriptionContains\":\"x\"},\"actions\":{\"category\":\"food\"}}");
        String create = "mutation($input: RuleInput!) { createRule(input: $input) { " + SAVE + " } }";

        JsonNode bean = GraphQlAnswers.data(mvc, user, create, input("""
                {"priority": -1, "conditions": {"minAmount": "1.00001", "direction": "SIDEWAYS"},
                 "actions": {"addTags": [""]}}""")).get("createRule");
        JsonNode domain = GraphQlAnswers.data(mvc, user, create, input("""
                {"conditions": {"descriptionRegex": "[[:alpha:]]+", "accountId": "%s", "minAmount": "10",
                 "maxAmount": "5"}, "actions": {"category": "no-such"}}""".formatted(owner.walletId())))
                .get("createRule");
        JsonNode nothing = GraphQlAnswers.data(mvc, user, create, input("{\"conditions\": {}, \"actions\": {}}"))
                .get("createRule");
        ObjectNode someoneElses = input("{\"priority\": 1}");
        someoneElses.put("id", theirs);
        JsonNode notYours = GraphQlAnswers.data(mvc, user, "mutation($id: ID!, $input: UpdateRuleInput!) { "
                + "updateRule(id: $id, input: $input) { " + SAVE + " } }", someoneElses).get("updateRule");
        JsonNode noRows = GraphQlAnswers.data(mvc, user, "query($id: ID!) { previewRule(id: $id, limit: 0) { "
                + "preview { total } errors { code field } } }", GraphQlAnswers.variables().put("id", theirs))
                .get("previewRule");
        JsonNode applyTheirs = GraphQlAnswers.data(mvc, user, "mutation($id: ID!) { applyRule(id: $id) { "
                + "applied { changed } errors { code field } } }", GraphQlAnswers.variables().put("id", theirs))
                .get("applyRule");

        assertThat(GraphQlAnswers.errors(bean)).containsExactlyInAnyOrder("INVALID priority",
                "INVALID conditions.minAmount", "INVALID conditions.direction", "INVALID actions.addTags[0]");
        assertThat(GraphQlAnswers.errors(domain)).containsExactlyInAnyOrder(
                "INVALID conditions.descriptionRegex", "INVALID conditions.accountId", "INVALID conditions.minAmount",
                "INVALID actions.category");
        assertThat(GraphQlAnswers.errors(nothing)).containsExactlyInAnyOrder("INVALID conditions",
                "INVALID actions");
        assertThat(GraphQlAnswers.errors(notYours)).containsExactly("NOT_FOUND id");
        assertThat(GraphQlAnswers.errors(noRows)).containsExactly("INVALID limit");
        assertThat(GraphQlAnswers.errors(applyTheirs)).containsExactly("NOT_FOUND id");
        assertThat(jdbc.sql("SELECT count(*) FROM category_rules WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isZero();
        Map<String, Object> theirRule = jdbc.sql("SELECT priority, deleted_at FROM category_rules WHERE id = ?::uuid")
                .param(theirs).query().singleRow();
        assertThat(theirRule).containsEntry("priority", 100).containsEntry("deleted_at", null);
    }

    @Test
    void aRuleCreatedTwiceUnderOneIdempotencyKeyIsOneRule() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ObjectNode create = input("""
                {"conditions": {"counterpartyContains": "Mama Mboga"},
                 "actions": {"category": "food", "addTags": ["market"]}}""")
                .put("key", "rule-kplc");
        String mutation = "mutation($input: RuleInput!, $key: String) { createRule(input: $input, idempotencyKey: $key) "
                + "{ " + SAVE + " } }";

        JsonNode first = GraphQlAnswers.data(mvc, user, mutation, create).get("createRule");
        JsonNode again = GraphQlAnswers.data(mvc, user, mutation, create).get("createRule");

        assertThat(again.get("errors")).isEmpty();
        assertThat(again.get("rule")).isEqualTo(first.get("rule"));
        assertThat(jdbc.sql("SELECT count(*) FROM category_rules WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isEqualTo(1);
    }

    private static ObjectNode input(String json) {
        ObjectNode variables = GraphQlAnswers.variables();
        variables.set("input", GraphQlAnswers.JSON.readTree(json));
        return variables;
    }

    private String rest(ApiClient.SignedIn user, String body) throws Exception {
        return Requests.read(mvc.perform(as(user, post("/api/v1/rules"), body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asString();
    }
}
