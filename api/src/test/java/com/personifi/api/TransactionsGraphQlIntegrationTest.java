package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@SpringBootTest
@AutoConfigureMockMvc
@Import(SqlStatements.class)
class TransactionsGraphQlIntegrationTest {

    private static final SqlStatements.Counter ACCOUNT_QUERIES = SqlStatements.counting("FROM accounts");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPageOfTransactionsLoadsItsAccountsInOneQueryAndPagesOnByCursor() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        for (int day = 1; day <= 5; day++) {
            ledgerRow(user, "G" + day, "2024-05-0" + day + "T08:00:00Z", "-" + day + "00.00");
        }
        String query = "query($after: String) { transactions(first: 3, after: $after) { edges { cursor node { id "
                + "amount currency category account { name currency } } } pageInfo { hasNextPage endCursor } } }";

        int before = ACCOUNT_QUERIES.count();
        JsonNode first = graphQl(user, query, JSON.createObjectNode()).get("data").get("transactions");
        assertThat(ACCOUNT_QUERIES.count() - before).as("statements reading accounts for a page").isEqualTo(1);
        assertThat(first.get("edges")).hasSize(3);
        assertThat(first.get("edges").get(0).get("node").get("amount").asString()).isEqualTo("-500.00");
        assertThat(first.get("edges").get(0).get("node").get("account").get("name").asString()).isEqualTo("M-Pesa");
        assertThat(first.get("pageInfo").get("hasNextPage").asBoolean()).isTrue();

        JsonNode second = graphQl(user, query, JSON.createObjectNode()
                .put("after", first.get("pageInfo").get("endCursor").asString())).get("data").get("transactions");
        assertThat(second.get("edges")).hasSize(2);
        assertThat(second.get("edges").get(1).get("node").get("amount").asString()).isEqualTo("-100.00");
        assertThat(second.get("pageInfo").get("hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void mutationsAnswerExpectedFailuresAsTypedErrorsAndNeverTouchAnotherUsersData() throws Exception {
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn stranger = ApiClient.signUp(mvc, "KES");
        UUID theirs = ledgerRow(owner, "M1", "2024-05-02T08:00:00Z", "-10.00");
        String record = "mutation($input: RecordTransactionInput!) { recordTransaction(input: $input) { "
                + "transactionId errors { code field message } } }";
        String change = "mutation($id: ID!, $input: ChangeTransactionInput!) { changeTransaction(id: $id, "
                + "input: $input) { transaction { id notes category categorySource } errors { code field message } } }";

        JsonNode intoTheirs = graphQl(stranger, record, JSON.createObjectNode().set("input", JSON.createObjectNode()
                .put("accountId", owner.walletId().toString()).put("amount", "-5.00").put("description", "x")))
                .get("data").get("recordTransaction");
        assertThat(intoTheirs.get("transactionId").isNull()).isTrue();
        assertThat(intoTheirs.get("errors").get(0).get("code").asString()).isEqualTo("NOT_FOUND");

        JsonNode tooPrecise = graphQl(owner, record, JSON.createObjectNode().set("input", JSON.createObjectNode()
                .put("accountId", owner.walletId().toString()).put("amount", "-5.005").put("description", "x")))
                .get("data").get("recordTransaction");
        assertThat(tooPrecise.get("errors").get(0).get("code").asString()).isEqualTo("INVALID");
        assertThat(tooPrecise.get("errors").get(0).get("message").asString()).contains("more decimals than KES");

        JsonNode recorded = graphQl(owner, record, JSON.createObjectNode().set("input", JSON.createObjectNode()
                .put("accountId", owner.walletId().toString()).put("amount", "-5.00").put("description", "Mandazi")))
                .get("data").get("recordTransaction");
        assertThat(recorded.get("errors")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE aggregateid = ?").param(owner.walletId().toString())
                .query(Long.class).single()).isEqualTo(1);

        ObjectNode notes = JSON.createObjectNode().put("id", theirs.toString());
        notes.set("input", JSON.createObjectNode().put("notes", "not yours"));
        JsonNode hijack = graphQl(stranger, change, notes).get("data").get("changeTransaction");
        assertThat(hijack.get("transaction").isNull()).isTrue();
        assertThat(hijack.get("errors").get(0).get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(graphQl(stranger, "query($id: ID!) { transaction(id: $id) { id } }", JSON.createObjectNode()
                .put("id", theirs.toString())).get("data").get("transaction").isNull()).isTrue();

        // GraphQL comes straight to the services, which hold the REST body's limits too
        JsonNode longCounterparty = graphQl(owner, record, JSON.createObjectNode().set("input", JSON.createObjectNode()
                .put("accountId", owner.walletId().toString()).put("amount", "-5.00").put("description", "x")
                .put("counterparty", "c".repeat(201)))).get("data").get("recordTransaction");
        assertThat(longCounterparty.get("errors").get(0).get("code").asString()).isEqualTo("INVALID");
        ObjectNode manyTags = JSON.createObjectNode().put("id", theirs.toString());
        ObjectNode tagsInput = JSON.createObjectNode();
        ArrayNode tags = tagsInput.putArray("tags");
        for (int i = 0; i < 21; i++) {
            tags.add("tag" + i);
        }
        manyTags.set("input", tagsInput);
        JsonNode tooManyTags = graphQl(owner, change, manyTags).get("data").get("changeTransaction");
        assertThat(tooManyTags.get("errors").get(0).get("code").asString()).isEqualTo("INVALID");
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE aggregateid = ?").param(owner.walletId().toString())
                .query(Long.class).single()).isEqualTo(1);

        ObjectNode recategorize = JSON.createObjectNode().put("id", theirs.toString());
        recategorize.set("input", JSON.createObjectNode().put("category", "food").put("notes", "chapati"));
        JsonNode changed = graphQl(owner, change, recategorize).get("data").get("changeTransaction");
        assertThat(changed.get("errors")).isEmpty();
        assertThat(changed.get("transaction").get("categorySource").asString()).isEqualTo("MANUAL");
        assertThat(changed.get("transaction").get("notes").asString()).isEqualTo("chapati");
    }

    private JsonNode graphQl(ApiClient.SignedIn user, String query, ObjectNode variables) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", variables);
        JsonNode answer = ApiClient.json(mvc.perform(post("/graphql").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(answer.has("errors")).as("GraphQL errors in %s", answer).isFalse();
        return answer;
    }

    private UUID ledgerRow(ApiClient.SignedIn user, String sourceRef, String occurredAt, String amount) {
        UUID id = TransactionIds.transactionId(user.walletId(), sourceRef);
        Instant at = Instant.parse(occurredAt);
        jdbc.sql("""
                        INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date,
                            amount, currency, description, category, category_source, category_confidence,
                            base_currency, amount_in_base, fx_rate_status)
                        VALUES (?, ?, ?, ?, 'MPESA_STATEMENT', ?, ?, ?, 'KES', 'Purchase', 'uncategorized', 'NONE',
                            0, 'KES', ?, 'OFFICIAL')""")
                .params(id, user.userId(), user.walletId(), sourceRef, Timestamp.from(at),
                        LocalDate.ofInstant(at, ZoneOffset.UTC), new BigDecimal(amount), new BigDecimal(amount))
                .update();
        return id;
    }
}
