package com.personifi.api;

import static com.personifi.api.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@SpringBootTest
@AutoConfigureMockMvc
class RecurringGraphQlIntegrationTest {

    private static final String RULE = "id accountId amount currency description counterparty category cadence "
            + "interval startDate endDate nextOccurrence createdAt updatedAt";
    private static final String SAVE = "recurringRule { " + RULE + " } errors { code field message }";
    private static final String CREATE = "mutation($input: RecurringRuleInput!) { createRecurringRule(input: $input) "
            + "{ " + SAVE + " } }";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void recurringRulesAreListedWithTheirNextOccurrenceFromTheUsersToday() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        LocalDate start = LocalDate.now(ZoneId.of("Africa/Nairobi")).minusDays(10);
        mvc.perform(as(user, post("/api/v1/recurring"), """
                {"accountId": "%s", "amount": -25000.00, "description": "Rent", "category": "rent",
                 "cadence": "WEEKLY", "interval": 2, "startDate": "%s"}""".formatted(user.walletId(), start)))
                .andExpect(status().isCreated());

        JsonNode rules = GraphQlAnswers.data(mvc, user, "{ recurringRules { " + RULE + " } }",
                GraphQlAnswers.variables()).get("recurringRules");

        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).get("amount").asString()).isEqualTo("-25000.00");
        assertThat(rules.get(0).get("accountId").asString()).isEqualTo(user.walletId().toString());
        assertThat(rules.get(0).get("interval").asInt()).isEqualTo(2);
        assertThat(rules.get(0).get("startDate").asString()).isEqualTo(start.toString());
        assertThat(rules.get(0).get("nextOccurrence").asString()).isEqualTo(start.plusWeeks(2).toString());
        assertThat(rules.get(0).get("endDate").isNull()).isTrue();
    }

    @Test
    void aRecurringRuleIsCreatedReplacedAndDeletedWithAnAuditEntryForEach() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        LocalDate today = LocalDate.now(ZoneId.of("Africa/Nairobi"));

        JsonNode created = GraphQlAnswers.data(mvc, user, CREATE, input(user.walletId().toString(), "-1500",
                "MONTHLY", today.toString())).get("createRecurringRule");

        assertThat(created.get("errors")).isEmpty();
        String id = created.get("recurringRule").get("id").asString();
        assertThat(created.get("recurringRule").get("nextOccurrence").asString()).isEqualTo(today.toString());
        mvc.perform(as(user, get("/api/v1/recurring/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.description").value("Chama"))
                .andExpect(jsonPath("$.currency").value("KES"));

        ObjectNode replace = input(user.walletId().toString(), "-2000", "WEEKLY", today.minusWeeks(3).toString());
        ((ObjectNode) replace.get("input")).put("endDate", today.minusDays(1).toString());
        replace.put("id", id);
        JsonNode replaced = GraphQlAnswers.data(mvc, user, "mutation($id: ID!, $input: RecurringRuleInput!) { "
                + "updateRecurringRule(id: $id, input: $input) { " + SAVE + " } }", replace)
                .get("updateRecurringRule");

        assertThat(replaced.get("errors")).isEmpty();
        assertThat(replaced.get("recurringRule").get("nextOccurrence").isNull()).isTrue();
        mvc.perform(as(user, get("/api/v1/recurring/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.cadence").value("WEEKLY"))
                .andExpect(jsonPath("$.endDate").value(today.minusDays(1).toString()));

        JsonNode deleted = GraphQlAnswers.data(mvc, user, "mutation($id: ID!) { deleteRecurringRule(id: $id) { "
                + "deletedId errors { code } } }", GraphQlAnswers.variables().put("id", id))
                .get("deleteRecurringRule");

        assertThat(deleted.get("deletedId").asString()).isEqualTo(id);
        mvc.perform(as(user, get("/api/v1/recurring/" + id))).andExpect(status().isNotFound());
        assertThat(jdbc.sql("""
                        SELECT string_agg(action || ':' || (after->>'amount'), ',' ORDER BY at) FROM audit_log
                        WHERE entity_type = 'recurring_rule' AND entity_id = ?""")
                .param(id).query(String.class).single()).isEqualTo("create:-1500.00,update:-2000.00,delete:-2000.00");
    }

    @Test
    void aDateThatIsNotADateAnotherUsersAccountAndAnUnknownCadenceAreTypedErrors() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn other = ApiClient.signUp(mvc, "KES");
        String wallet = user.walletId().toString();

        JsonNode notADate = GraphQlAnswers.data(mvc, user, CREATE, input(wallet, "-10", "MONTHLY", "2024-13-01"))
                .get("createRecurringRule");
        JsonNode cadence = GraphQlAnswers.data(mvc, user, CREATE, input(wallet, "-10", "HOURLY", "2024-01-01"))
                .get("createRecurringRule");
        JsonNode theirAccount = GraphQlAnswers.data(mvc, user, CREATE,
                input(other.walletId().toString(), "0", "MONTHLY", "2024-01-01")).get("createRecurringRule");

        assertThat(notADate.get("recurringRule").isNull()).isTrue();
        assertThat(GraphQlAnswers.errors(notADate)).containsExactly("INVALID startDate");
        assertThat(GraphQlAnswers.errors(cadence)).containsExactly("INVALID cadence");
        assertThat(GraphQlAnswers.errors(theirAccount)).containsExactlyInAnyOrder("INVALID accountId",
                "INVALID amount");
        assertThat(jdbc.sql("SELECT count(*) FROM recurring_rules WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRecurringRuleCreatedTwiceUnderOneIdempotencyKeyIsOneRule() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ObjectNode create = input(user.walletId().toString(), "-1500", "MONTHLY", "2030-01-05").put("key", "chama");
        String mutation = "mutation($input: RecurringRuleInput!, $key: String) { createRecurringRule(input: $input, "
                + "idempotencyKey: $key) { " + SAVE + " } }";

        JsonNode first = GraphQlAnswers.data(mvc, user, mutation, create).get("createRecurringRule");
        JsonNode again = GraphQlAnswers.data(mvc, user, mutation, create).get("createRecurringRule");

        assertThat(again.get("errors")).isEmpty();
        assertThat(again.get("recurringRule")).isEqualTo(first.get("recurringRule"));
        assertThat(jdbc.sql("SELECT count(*) FROM recurring_rules WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isEqualTo(1);
    }

    private static ObjectNode input(String accountId, String amount, String cadence, String startDate) {
        ObjectNode variables = GraphQlAnswers.variables();
        variables.set("input", GraphQlAnswers.JSON.createObjectNode().put("accountId", accountId)
                .put("amount", amount).put("description", "Chama").put("cadence", cadence)
                .put("startDate", startDate));
        return variables;
    }
}
