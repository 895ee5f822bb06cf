package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.personifi.api.idempotency.AnswersFail;
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
class AccountsGraphQlIntegrationTest {

    private static final String SAVE = "account { id name type provider currency maskedNumber } "
            + "errors { code field message }";
    private static final String CREATE = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { "
            + SAVE + " } }";
    private static final String CREATE_WITH_KEY = "mutation($input: CreateAccountInput!, $key: String) { "
            + "createAccount(input: $input, idempotencyKey: $key) { " + SAVE + " } }";
    private static final String UPDATE = "mutation($id: ID!, $input: UpdateAccountInput!) { "
            + "updateAccount(id: $id, input: $input) { " + SAVE + " } }";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAccountIsOpenedChangedDeletedAndRestoredThroughTheAuditedServiceRestUses() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        JsonNode created = GraphQlAnswers.data(mvc, user, CREATE, newAccount("Equity savings", "SAVINGS", "KES",
                "0123 4567 8901 2345")).get("createAccount");
        assertThat(created.get("errors")).isEmpty();
        JsonNode account = created.get("account");
        String id = account.get("id").asString();
        assertThat(account.get("type").asString()).isEqualTo("SAVINGS");
        assertThat(account.get("maskedNumber").asString()).isEqualTo("****2345");
        assertThat(created.toString()).doesNotContain("01234567");

        ObjectNode change = GraphQlAnswers.variables().put("id", id);
        change.putObject("input").put("name", "Equity goal").put("number", "");
        JsonNode changed = GraphQlAnswers.data(mvc, user, UPDATE, change).get("updateAccount");
        assertThat(changed.get("errors")).isEmpty();
        assertThat(changed.get("account").get("name").asString()).isEqualTo("Equity goal");
        assertThat(changed.get("account").get("provider").asString()).isEqualTo("Equity Bank");
        assertThat(changed.get("account").get("maskedNumber").isNull()).isTrue();

        JsonNode deleted = GraphQlAnswers.data(mvc, user, "mutation($id: ID!) { deleteAccount(id: $id) { deletedId "
                + "errors { code } } }", GraphQlAnswers.variables().put("id", id)).get("deleteAccount");
        assertThat(deleted.get("deletedId").asString()).isEqualTo(id);
        assertThat(GraphQlAnswers.query(mvc, user, "{ accounts { id } }").toString()).doesNotContain(id);

        JsonNode restored = GraphQlAnswers.data(mvc, user, "mutation($id: ID!) { restoreAccount(id: $id) { " + SAVE
                + " } }", GraphQlAnswers.variables().put("id", id)).get("restoreAccount");
        assertThat(restored.get("account").get("name").asString()).isEqualTo("Equity goal");
        assertThat(GraphQlAnswers.query(mvc, user, "{ accounts { id } }").toString()).contains(id);
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY at").param(id)
                .query(String.class).list()).containsExactly("create", "update", "delete", "restore");
    }

    @Test
    void wrongFieldsAndAnotherPersonsAccountAreTypedErrorsAndChangeNothing() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        long accountsBefore = accounts(user);

        JsonNode badType = GraphQlAnswers.data(mvc, user, CREATE, newAccount("Stash", "MATTRESS", "KES", null))
                .get("createAccount");
        JsonNode badCurrency = GraphQlAnswers.data(mvc, user, CREATE, newAccount("Stash", "CASH", "XYZ", null))
                .get("createAccount");
        JsonNode shortNumber = GraphQlAnswers.data(mvc, user, CREATE, newAccount("Card", "CARD", "KES", "12-3"))
                .get("createAccount");
        ObjectNode someoneElses = GraphQlAnswers.variables().put("id", owner.walletId().toString());
        someoneElses.putObject("input").put("name", "Mine now");
        JsonNode notFound = GraphQlAnswers.data(mvc, user, UPDATE, someoneElses).get("updateAccount");
        JsonNode notDeleted = GraphQlAnswers.data(mvc, user, "mutation($id: ID!) { deleteAccount(id: $id) { "
                        + "deletedId errors { code field } } }",
                GraphQlAnswers.variables().put("id", owner.walletId().toString())).get("deleteAccount");

        assertThat(badType.get("account").isNull()).isTrue();
        assertThat(GraphQlAnswers.errors(badType)).containsExactly("INVALID type");
        assertThat(GraphQlAnswers.errors(badCurrency)).containsExactly("INVALID currency");
        assertThat(GraphQlAnswers.errors(shortNumber)).containsExactly("INVALID number");
        assertThat(GraphQlAnswers.errors(notFound)).containsExactly("NOT_FOUND id");
        assertThat(notDeleted.get("deletedId").isNull()).isTrue();
        assertThat(GraphQlAnswers.errors(notDeleted)).containsExactly("NOT_FOUND id");
        assertThat(accounts(user)).isEqualTo(accountsBefore);
        assertThat(jdbc.sql("SELECT name || ':' || (deleted_at IS NULL) FROM accounts WHERE id = ?")
                .param(owner.walletId()).query(String.class).single()).isEqualTo("M-Pesa:true");
    }

    @Test
    void anAccountOpenedTwiceUnderOneIdempotencyKeyIsOneAccount() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        long before = accounts(user);
        ObjectNode variables = newAccount("Cash box", "CASH", "KES", null).put("key", "open-cash-box");

        String first = openedUnderKey(user, variables);
        String again = openedUnderKey(user, variables);

        assertThat(again).isEqualTo(first);
        assertThat(accounts(user)).isEqualTo(before + 1);
    }

    @Test
    void anAccountWhoseAnswerCouldNotBeKeptIsUndoneSoItsRetryOpensOne() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        long before = accounts(user);
        ObjectNode variables = newAccount("Tin box", "CASH", "KES", null).put("key", "answer-lost-gql");
        ObjectNode body = GraphQlAnswers.JSON.createObjectNode().put("query", CREATE_WITH_KEY);
        body.set("variables", variables);

        try (AnswersFail ignored = AnswersFail.install(jdbc)) {
            JsonNode failed = GraphQlAnswers.send(mvc, user, GraphQlAnswers.JSON.writeValueAsString(body));
            assertThat(failed.has("errors")).as("%s", failed).isTrue();
            assertThat(accounts(user)).isEqualTo(before);
        }
        String first = openedUnderKey(user, variables);
        String again = openedUnderKey(user, variables);

        assertThat(first).isNotBlank();
        assertThat(again).isEqualTo(first);
        assertThat(accounts(user)).isEqualTo(before + 1);
    }

    private String openedUnderKey(ApiClient.SignedIn user, ObjectNode variables) throws Exception {
        return GraphQlAnswers.data(mvc, user, CREATE_WITH_KEY, variables).at("/createAccount/account/id").asString();
    }

    private long accounts(ApiClient.SignedIn user) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE user_id = ?").param(user.userId()).query(Long.class)
                .single();
    }

    private static ObjectNode newAccount(String name, String type, String currency, String number) {
        ObjectNode variables = GraphQlAnswers.variables();
        ObjectNode input = variables.putObject("input").put("name", name).put("type", type)
                .put("provider", "Equity Bank").put("currency", currency);
        if (number != null) {
            input.put("number", number);
        }
        return variables;
    }
}
