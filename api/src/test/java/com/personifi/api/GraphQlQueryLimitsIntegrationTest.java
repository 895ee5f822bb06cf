package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.introspection.IntrospectionQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** Depth (10) and complexity (2,000) limits, checked before a query runs; the defaults of personifi.graphql. */
@SpringBootTest
@AutoConfigureMockMvc
class GraphQlQueryLimitsIntegrationTest {

    /** Every field a transaction has, with its account. */
    private static final String EVERY_TRANSACTION_FIELD = "id account { id name type provider currency } source "
            + "occurredAt localDate amount currency description counterparty balance category categorySource "
            + "categoryConfidence tags notes amountInBase baseCurrency fxRateStatus";

    @Autowired
    MockMvc mvc;

    ApiClient.SignedIn user;

    @BeforeEach
    void givenASignedInUser() throws Exception {
        user = ApiClient.signUp(mvc, "KES");
    }

    @Test
    void aQueryReachingDeeperThanTheLimitIsRefusedNamingTheLimit() throws Exception {
        // no type of ours nests past 5 levels; introspection types do, and with data beside them the limit applies
        JsonNode answer = GraphQlAnswers.query(mvc, user, "{ accounts { id } __type(name: \"Transaction\") { "
                + "fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name "
                + "} } } } } } } } } } } }");

        assertRefused(answer, "QUERY_TOO_DEEP");
        assertThat(answer.get("errors").get(0).get("message").asString())
                .isEqualTo("The query reaches 12 fields deep; the limit is 10");
        assertThat(answer.get("errors").get(0).get("extensions").get("maxDepth").asInt()).isEqualTo(10);
    }

    @Test
    void aPageTooLargeForItsSelectionIsRefusedAsTooComplexNamingTheLimit() throws Exception {
        JsonNode answer = GraphQlAnswers.query(mvc, user, "{ transactions(first: 200) { edges { node { "
                + EVERY_TRANSACTION_FIELD + " } } } }");

        assertRefused(answer, "QUERY_TOO_COMPLEX");
        assertThat(answer.get("errors").get(0).get("message").asString())
                .startsWith("The query's complexity is 5001; the limit is 2000");
        assertThat(answer.get("errors").get(0).get("extensions").get("maxComplexity").asInt()).isEqualTo(2000);
    }

    @Test
    void aliasingPagesSideBySideAddsTheirCosts() throws Exception {
        String page = "(first: 50) { edges { node { id amount currency category } } }";

        JsonNode answer = GraphQlAnswers.query(mvc, user, "{ a: transactions" + page + " b: transactions" + page
                + " c: transactions" + page + " d: transactions" + page + " e: transactions" + page
                + " f: transactions" + page + " g: transactions" + page + " }");

        assertRefused(answer, "QUERY_TOO_COMPLEX");
    }

    @Test
    void aRulePreviewCountsItsSelectionAsManyTimesAsItsLimitAsks() throws Exception {
        String changes = "{ preview { total changes { transactionId amount currency description "
                + "before { category tags } after { category tags } } } errors { code } } }";
        String id = "\"" + java.util.UUID.randomUUID() + "\"";

        JsonNode large = GraphQlAnswers.query(mvc, user, "{ previewRule(id: " + id + ", limit: 500) " + changes);
        JsonNode small = GraphQlAnswers.query(mvc, user, "{ previewRule(id: " + id + ", limit: 20) " + changes);

        assertRefused(large, "QUERY_TOO_COMPLEX");
        assertThat(large.get("errors").get(0).get("message").asString())
                .startsWith("The query's complexity is 7501; the limit is 2000");
        assertThat(small.has("errors")).as("%s", small).isFalse();
        assertThat(small.get("data").get("previewRule").get("errors").get(0).get("code").asString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void aDashboardQueryAndAPageOfFiftyTransactionsWithEveryFieldRun() throws Exception {
        JsonNode dashboard = GraphQlAnswers.query(mvc, user, "{ dashboard(month: \"2024-05\") { month currency "
                + "income spending net byCategory { category name amount } transactionCount unconvertedCount } "
                + "cashFlow(from: \"2024-01\", to: \"2024-12\") { currency months { month income spending net } } "
                + "topCounterparties(month: \"2024-05\") { items { counterparty amount transactionCount } } }");
        JsonNode page = GraphQlAnswers.query(mvc, user, "{ transactions(first: 50) { edges { cursor node { "
                + EVERY_TRANSACTION_FIELD + " } } pageInfo { hasNextPage endCursor } } }");

        assertThat(dashboard.has("errors")).as("%s", dashboard).isFalse();
        assertThat(dashboard.get("data").get("dashboard").get("currency").asString()).isEqualTo("KES");
        assertThat(page.has("errors")).as("%s", page).isFalse();
        assertThat(page.get("data").get("transactions").get("edges")).isEmpty();
    }

    @Test
    void graphiqlReadsTheWholeSchemaThoughItsIntrospectionQueryIsDeeperThanTheLimit() throws Exception {
        JsonNode answer = GraphQlAnswers.query(mvc, user, IntrospectionQuery.INTROSPECTION_QUERY);

        assertThat(answer.has("errors")).as("%s", answer).isFalse();
        assertThat(answer.get("data").get("__schema").get("queryType").get("name").asString()).isEqualTo("Query");
    }

    private static void assertRefused(JsonNode answer, String classification) {
        assertThat(answer.has("data") && !answer.get("data").isNull()).as("ran anyway: %s", answer).isFalse();
        assertThat(answer.get("errors")).hasSize(1);
        assertThat(answer.get("errors").get(0).get("extensions").get("classification").asString())
                .isEqualTo(classification);
    }
}
