package com.personifi.api;

import static com.personifi.api.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@SpringBootTest
@AutoConfigureMockMvc
@Import(SqlStatements.class)
class BudgetsGraphQlIntegrationTest {

    /** The statement that sums budgets' spending. */
    private static final SqlStatements.Counter SPENDING_SUMS = SqlStatements.counting("sum(-t.amount_in_base)");

    private static final String BUDGET = "id category amount currency period startDay thresholds "
            + "status { periodStart periodEnd spent remaining percent thresholdsCrossed }";
    private static final String SAVE = "budget { " + BUDGET + " } errors { code field message }";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyBudgetShowsItsLiveStatusAsRestDoesSummedInOneStatementForAllOfThem() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        rest(user, "{\"category\":\"food\",\"amount\":1000}");
        rest(user, "{\"category\":\"transport\",\"amount\":500,\"period\":\"WEEKLY\",\"startDay\":1}");
        rest(user, "{\"category\":\"eating-out\",\"amount\":2000,\"period\":\"CUSTOM\",\"startDay\":25}");
        String now = Instant.now().minus(1, ChronoUnit.SECONDS).toString();
        LedgerRow.of(user, "B1", now, "-850.00", "Groceries").category("food", "BUILT_IN").insert(jdbc);
        LedgerRow.of(user, "B2", now, "-120.00", "Matatu fare").category("transport", "BUILT_IN").insert(jdbc);

        int before = SPENDING_SUMS.count();
        JsonNode budgets = GraphQlAnswers.data(mvc, user, "{ budgets { " + BUDGET + " } }",
                GraphQlAnswers.variables()).get("budgets");

        assertThat(SPENDING_SUMS.count() - before).as("statements summing spending for three budgets").isEqualTo(1);
        JsonNode rest = Requests.read(mvc.perform(as(user, get("/api/v1/budgets/status"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(budgets).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode status = budgets.get(i).get("status");
            JsonNode expected = rest.get(i);
            assertThat(budgets.get(i).get("id").asString()).isEqualTo(expected.get("budgetId").asString());
            assertThat(status.get("periodStart").asString()).isEqualTo(expected.get("periodStart").asString());
            assertThat(status.get("periodEnd").asString()).isEqualTo(expected.get("periodEnd").asString());
            assertThat(new BigDecimal(status.get("spent").asString())).isEqualByComparingTo(
                    Requests.decimal(expected.get("spent")));
            assertThat(new BigDecimal(status.get("percent").asString())).isEqualByComparingTo(
                    Requests.decimal(expected.get("percent")));
        }
        JsonNode food = budgets.get(0);
        assertThat(food.get("amount").asString()).isEqualTo("1000.00");
        assertThat(food.get("status").get("spent").asString()).isEqualTo("850.00");
        assertThat(food.get("status").get("remaining").asString()).isEqualTo("150.00");
        assertThat(food.get("status").get("thresholdsCrossed")).extracting(JsonNode::asInt).containsExactly(50, 80);
        assertThat(budgets.get(2).get("status").get("spent").asString()).isEqualTo("0.00");
    }

    @Test
    void aBudgetIsCreatedReplacedAndDeletedThroughTheAuditedServiceRestUses() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        JsonNode created = GraphQlAnswers.data(mvc, user, "mutation($input: BudgetInput!) { createBudget(input: $input) "
                + "{ " + SAVE + " } }", input("food", "15000")).get("createBudget");
        assertThat(created.get("errors")).isEmpty();
        String id = created.get("budget").get("id").asString();
        assertThat(created.get("budget").get("currency").asString()).isEqualTo("KES");
        assertThat(created.get("budget").get("thresholds")).extracting(JsonNode::asInt).containsExactly(50, 80, 100);
        assertThat(created.get("budget").get("status").get("spent").asString()).isEqualTo("0.00");
        mvc.perform(as(user, get("/api/v1/budgets/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.category").value("food")).andExpect(jsonPath("$.period").value("MONTHLY"));

        ObjectNode replace = input("transport", "2500.50");
        ((ObjectNode) replace.get("input")).put("period", "WEEKLY").put("startDay", 5)
                .set("thresholds", GraphQlAnswers.JSON.createArrayNode().add(75).add(150));
        replace.put("id", id);
        JsonNode replaced = GraphQlAnswers.data(mvc, user, "mutation($id: ID!, $input: BudgetInput!) { "
                + "updateBudget(id: $id, input: $input) { " + SAVE + " } }", replace).get("updateBudget");
        assertThat(replaced.get("errors")).isEmpty();
        mvc.perform(as(user, get("/api/v1/budgets/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.category").value("transport"))
                .andExpect(jsonPath("$.period").value("WEEKLY"))
                .andExpect(jsonPath("$.startDay").value(5))
                .andExpect(jsonPath("$.thresholds[1]").value(150));

        JsonNode deleted = GraphQlAnswers.data(mvc, user, "mutation($id: ID!) { deleteBudget(id: $id) { deletedId "
                + "errors { code } } }", GraphQlAnswers.variables().put("id", id)).get("deleteBudget");
        assertThat(deleted.get("deletedId").asString()).isEqualTo(id);
        mvc.perform(as(user, get("/api/v1/budgets/" + id))).andExpect(status().isNotFound());
        assertThat(jdbc.sql("""
                        SELECT action || ':' || COALESCE(before->>'amount', '') || '>' || COALESCE(after->>'amount', '')
                        FROM audit_log WHERE entity_type = 'budget' AND entity_id = ? ORDER BY at""")
                .param(id).query(String.class).list())
                .containsExactly("create:>15000.00", "update:15000.00>2500.50", "delete:2500.50>2500.50");
    }

    @Test
    void invalidFieldsAndAnotherUsersBudgetAreTypedErrorsAndChangeNothing() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        String theirs = rest(owner, "{\"category\":\"food\",\"amount\":1000}");
        String create = "mutation($input: BudgetInput!) { createBudget(input: $input) { " + SAVE + " } }";

        JsonNode invalid = GraphQlAnswers.data(mvc, user, create, input("no-such", "0")).get("createBudget");
        ObjectNode unordered = input("food", "10.001");
        ((ObjectNode) unordered.get("input")).set("thresholds", GraphQlAnswers.JSON.createArrayNode().add(80).add(50));
        JsonNode domain = GraphQlAnswers.data(mvc, user, create, unordered).get("createBudget");
        ObjectNode someoneElses = input("food", "5");
        someoneElses.put("id", theirs);
        JsonNode notFound = GraphQlAnswers.data(mvc, user, "mutation($id: ID!, $input: BudgetInput!) { "
                + "updateBudget(id: $id, input: $input) { " + SAVE + " } }", someoneElses).get("updateBudget");

        assertThat(invalid.get("budget").isNull()).isTrue();
        assertThat(GraphQlAnswers.errors(invalid)).containsExactly("INVALID amount");
        assertThat(GraphQlAnswers.errors(domain)).containsExactlyInAnyOrder("INVALID amount", "INVALID thresholds");
        assertThat(GraphQlAnswers.errors(notFound)).containsExactly("NOT_FOUND id");
        assertThat(jdbc.sql("SELECT count(*) FROM budgets WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT amount FROM budgets WHERE id = ?::uuid").param(theirs).query(BigDecimal.class)
                .single()).isEqualByComparingTo("1000");
    }

    @Test
    void aCreateRepeatedUnderItsIdempotencyKeyAnswersTheFirstBudgetAndCreatesNoOther() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String create = "mutation($input: BudgetInput!, $key: String) { createBudget(input: $input, "
                + "idempotencyKey: $key) { " + SAVE + " } }";
        ObjectNode invalid = input("food", "0");
        invalid.put("key", "budget-1");
        ObjectNode food = input("food", "15000");
        food.put("key", "budget-1");
        ObjectNode transport = input("transport", "15000");
        transport.put("key", "budget-1");

        JsonNode refused = GraphQlAnswers.data(mvc, user, create, invalid).get("createBudget");
        JsonNode first = GraphQlAnswers.data(mvc, user, create, food).get("createBudget");
        JsonNode again = GraphQlAnswers.data(mvc, user, create, food).get("createBudget");
        JsonNode other = GraphQlAnswers.data(mvc, user, create, transport).get("createBudget");

        assertThat(GraphQlAnswers.errors(refused)).as("a failed create keeps no key").containsExactly("INVALID amount");
        assertThat(first.get("errors")).isEmpty();
        assertThat(again.get("errors")).isEmpty();
        assertThat(again.get("budget").get("id").asString()).isEqualTo(first.get("budget").get("id").asString());
        assertThat(again.get("budget").get("amount").asString()).isEqualTo("15000.00");
        assertThat(GraphQlAnswers.errors(other)).containsExactly("INVALID idempotencyKey");
        assertThat(jdbc.sql("SELECT count(*) FROM budgets WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isEqualTo(1);
        // keys are each person's own
        ApiClient.SignedIn another = ApiClient.signUp(mvc, "KES");
        JsonNode theirs = GraphQlAnswers.data(mvc, another, create, food).get("createBudget");
        assertThat(theirs.get("budget").get("id").asString()).isNotEqualTo(first.get("budget").get("id").asString());
    }

    private static ObjectNode input(String category, String amount) {
        ObjectNode variables = GraphQlAnswers.variables();
        variables.set("input", GraphQlAnswers.JSON.createObjectNode().put("category", category).put("amount", amount));
        return variables;
    }

    private String rest(ApiClient.SignedIn user, String body) throws Exception {
        return Requests.read(mvc.perform(as(user, post("/api/v1/budgets"), body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asString();
    }
}
