package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.personifi.api.live.UserFeed;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.BudgetAlert;
import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.FxRateStatus;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GraphQL subscriptions over a real WebSocket against a running server, fed by records on the real broker: the
 * records the stream would write, produced here. GraphiQL is on, as in the local profile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.graphql.graphiql.enabled=true", "personifi.auth.subscription-logout-check=300ms"})
@AutoConfigureMockMvc
class GraphQlSubscriptionsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BOOKED = "subscription { transactionBooked { id amount currency description "
            + "category categorySource tags notes baseCurrency amountInBase fxRateStatus account { id name } } }";
    private static final String ALERTS = "subscription { budgetAlert { id budgetId category periodStart periodEnd "
            + "thresholdPercent spent limit currency raisedAt } }";

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    UserFeed<EnrichedTransaction> bookedTransactions;

    @Autowired
    UserFeed<BudgetAlert> budgetAlerts;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void givenTheFeedsFollowTheirTopics() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        await().atMost(WAIT).until(() -> bookedTransactions.isLive() && budgetAlerts.isLive());
    }

    @AfterEach
    void closeTheProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void eachUserReceivesTheirOwnBookedTransactionsAndBudgetAlertsAndNobodyElses() throws Exception {
        ApiClient.SignedIn amina = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn baraka = ApiClient.signUp(mvc, "KES");
        try (GraphQlWebSocket aminas = GraphQlWebSocket.connectAs(port, amina);
             GraphQlWebSocket barakas = GraphQlWebSocket.connectAs(port, baraka)) {
            aminas.next("connection_ack", WAIT);
            barakas.next("connection_ack", WAIT);
            for (GraphQlWebSocket socket : List.of(aminas, barakas)) {
                socket.subscribe("booked", BOOKED);
                socket.subscribe("alerts", ALERTS);
            }
            awaitSubscribed(amina, baraka);

            EnrichedTransaction aminasLunch = booked(amina, "SUB-A1", "-120.0000", "food");
            EnrichedTransaction barakasFare = booked(baraka, "SUB-B1", "-80.0000", "transport");
            BudgetAlert aminasAlert = alert(amina, 80);
            send(Topics.ENRICHED_TRANSACTIONS, aminasLunch.getAccountId(), aminasLunch);
            send(Topics.ENRICHED_TRANSACTIONS, barakasFare.getAccountId(), barakasFare);
            send(Topics.BUDGET_ALERTS, aminasAlert.getUserId(), aminasAlert);

            JsonNode first = aminas.next("next", WAIT);
            JsonNode second = aminas.next("next", WAIT);
            JsonNode barakasOnly = barakas.next("next", WAIT);
            // anything still on its way to the wrong user would come with the events the right one just got
            List<JsonNode> more = aminas.drain(Duration.ofMillis(500));
            more.addAll(barakas.drain(Duration.ofMillis(500)));

            JsonNode lunch = (first.get("id").asString().equals("booked") ? first : second)
                    .get("payload").get("data").get("transactionBooked");
            JsonNode alert = (first.get("id").asString().equals("alerts") ? first : second)
                    .get("payload").get("data").get("budgetAlert");
            assertThat(lunch.get("id").asString()).isEqualTo(aminasLunch.getId());
            assertThat(lunch.get("amount").asString()).isEqualTo("-120.00");
            assertThat(lunch.get("category").asString()).isEqualTo("food");
            assertThat(lunch.get("tags").get(0).asString()).isEqualTo("lunch");
            assertThat(lunch.get("notes").isNull()).isTrue();
            assertThat(lunch.get("account").get("id").asString()).isEqualTo(amina.walletId().toString());
            assertThat(lunch.get("account").get("name").asString()).isEqualTo("M-Pesa");
            assertThat(alert.get("id").asString()).isEqualTo(aminasAlert.getAlertId());
            assertThat(alert.get("thresholdPercent").asInt()).isEqualTo(80);
            assertThat(alert.get("spent").asString()).isEqualTo("800.00");
            assertThat(alert.get("limit").asString()).isEqualTo("1000.00");
            assertThat(alert.get("periodStart").asString()).isEqualTo("2024-05-01");
            assertThat(barakasOnly.get("id").asString()).isEqualTo("booked");
            assertThat(barakasOnly.get("payload").get("data").get("transactionBooked").get("id").asString())
                    .isEqualTo(barakasFare.getId());
            assertThat(more).as("messages beyond each user's own").isEmpty();
        }
    }

    @Test
    void aConnectionWithoutAValidAccessTokenIsClosedAtItsFirstMessage() throws Exception {
        ApiClient.SignedIn loggedOut = ApiClient.signUp(mvc, "KES");
        mvc.perform(post("/api/v1/auth/logout").header("Authorization", loggedOut.bearer()))
                .andExpect(status().isNoContent());

        for (ObjectNode payload : new ObjectNode[] {null,
                GraphQlWebSocket.JSON.createObjectNode().put("Authorization", "Bearer not-a-token"),
                GraphQlWebSocket.JSON.createObjectNode().put("Authorization", loggedOut.bearer())}) {
            try (GraphQlWebSocket socket = GraphQlWebSocket.connect(port, payload)) {
                assertThat(socket.awaitClose(WAIT)).as("close code for %s", payload).isEqualTo(4401);
            }
        }
    }

    @Test
    void afterLogoutAnOpenConnectionRunsNothingMore() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        try (GraphQlWebSocket socket = GraphQlWebSocket.connectAs(port, user)) {
            socket.next("connection_ack", WAIT);
            mvc.perform(post("/api/v1/auth/logout").header("Authorization", user.bearer()))
                    .andExpect(status().isNoContent());

            socket.subscribe("booked", BOOKED);

            JsonNode refused = socket.next("next", WAIT);
            assertThat(refused.get("payload").get("errors").get(0).get("extensions").get("classification")
                    .asString()).isEqualTo("UNAUTHORIZED");
            assertThat(socket.next("complete", WAIT).get("id").asString()).isEqualTo("booked");
            assertThat(bookedTransactions.subscribers(user.userId())).isZero();
        }
    }

    @Test
    void aRunningSubscriptionEndsSoonAfterItsTokenIsLoggedOut() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        try (GraphQlWebSocket socket = GraphQlWebSocket.connectAs(port, user)) {
            socket.next("connection_ack", WAIT);
            socket.subscribe("booked", BOOKED);
            await().atMost(WAIT).until(() -> bookedTransactions.subscribers(user.userId()) == 1);

            mvc.perform(post("/api/v1/auth/logout").header("Authorization", user.bearer()))
                    .andExpect(status().isNoContent());

            JsonNode ended = socket.next("error", WAIT);
            assertThat(ended.get("id").asString()).isEqualTo("booked");
            assertThat(ended.get("payload").get(0).get("extensions").get("classification").asString())
                    .isEqualTo("UNAUTHORIZED");
            await().atMost(WAIT).until(() -> bookedTransactions.subscribers(user.userId()) == 0);
        }
    }

    @Test
    void aSubscriptionOverServerSentEventsEndsSoonAfterItsTokenIsLoggedOut() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Authorization", user.bearer()).header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GraphQlWebSocket.JSON.createObjectNode()
                        .put("query", BOOKED).toString())).build();
        // the server answers the headers with the first event, so the answer is awaited, not read as it comes
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(subscribe,
                HttpResponse.BodyHandlers.ofString());
        await().atMost(WAIT).until(() -> bookedTransactions.subscribers(user.userId()) == 1);

        mvc.perform(post("/api/v1/auth/logout").header("Authorization", user.bearer()))
                .andExpect(status().isNoContent());

        // the stream ends by itself, its last event saying why
        HttpResponse<String> ended = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(ended.body()).contains("UNAUTHORIZED");
        await().atMost(WAIT).until(() -> bookedTransactions.subscribers(user.userId()) == 0);
    }

    @Test
    void queryLimitsAndPersistedQueriesHoldOverTheWebSocket() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String subscription = "subscription Booked" + UUID.randomUUID().toString().replace("-", "")
                + " { transactionBooked { id amount } }";
        String hash = sha256(subscription);
        try (GraphQlWebSocket socket = GraphQlWebSocket.connectAs(port, user)) {
            socket.next("connection_ack", WAIT);

            socket.subscribe("deep", "{ accounts { id } __type(name: \"Transaction\") { fields { type { ofType { "
                    + "ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }");
            JsonNode deep = socket.next("next", WAIT);
            assertThat(deep.get("payload").get("errors").get(0).get("extensions").get("classification").asString())
                    .isEqualTo("QUERY_TOO_DEEP");

            socket.subscribe("unknown", persisted(hash, null));
            JsonNode unknown = socket.next("next", WAIT);
            assertThat(unknown.get("payload").get("errors").get(0).get("message").asString())
                    .isEqualTo("PersistedQueryNotFound");

            socket.subscribe("first", persisted(hash, subscription));
            await().atMost(WAIT).until(() -> bookedTransactions.subscribers(user.userId()) == 1);
            socket.subscribe("later", persisted(hash, null));
            await().atMost(WAIT).until(() -> bookedTransactions.subscribers(user.userId()) == 2);

            EnrichedTransaction airtime = booked(user, "SUB-P1", "-50.0000", "airtime-data");
            send(Topics.ENRICHED_TRANSACTIONS, airtime.getAccountId(), airtime);
            List<String> ids = List.of(socket.next("next", WAIT).get("id").asString(),
                    socket.next("next", WAIT).get("id").asString());
            assertThat(ids).containsExactlyInAnyOrder("first", "later");
        }
        await().atMost(WAIT).until(() -> bookedTransactions.subscribers(user.userId()) == 0);
    }

    @Test
    void withoutATokenOnlyGraphiqlAndTheWebSocketHandshakeAreOpen() throws Exception {
        mvc.perform(get("/graphiql"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", endsWith("/graphiql?path=/graphql&wsPath=/graphql-ws")));
        mvc.perform(get("/graphiql").param("path", "/graphql").param("wsPath", "/graphql-ws"))
                .andExpect(status().isOk());

        mvc.perform(get("/graphql-ws")).andExpect(status().isUnauthorized());
        mvc.perform(post("/graphql-ws").header("Upgrade", "websocket")).andExpect(status().isUnauthorized());
        mvc.perform(get("/graphql").header("Upgrade", "websocket")).andExpect(status().isUnauthorized());
        mvc.perform(post("/graphql").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"query\":\"{ accounts { id } }\"}"))
                .andExpect(status().isUnauthorized());
    }

    private void awaitSubscribed(ApiClient.SignedIn... users) {
        await().atMost(WAIT).until(() -> {
            for (ApiClient.SignedIn user : users) {
                if (bookedTransactions.subscribers(user.userId()) != 1
                        || budgetAlerts.subscribers(user.userId()) != 1) {
                    return false;
                }
            }
            return true;
        });
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> void send(String topic, String key, T value) throws Exception {
        byte[] bytes = AvroSerde.of((Class<T>) value.getClass()).serialize(topic, value);
        producer.send(new ProducerRecord<>(topic, key, bytes)).get();
    }

    private static EnrichedTransaction booked(ApiClient.SignedIn user, String sourceRef, String amount,
                                              String category) {
        return EnrichedTransaction.newBuilder()
                .setId(TransactionIds.transactionId(user.walletId(), sourceRef).toString())
                .setUserId(user.userId().toString()).setAccountId(user.walletId().toString())
                .setSourceRef(sourceRef).setSource(TransactionSource.SMS)
                .setOccurredAt(Instant.parse("2024-05-02T09:00:00Z")).setLocalDate(LocalDate.of(2024, 5, 2))
                .setAmount(new BigDecimal(amount)).setCurrency("KES").setDescription("Paid to " + sourceRef)
                .setCategory(category).setCategorySource(CategorySource.RULE).setCategoryConfidence(100)
                .setTags(List.of("lunch")).setBaseCurrency("KES").setAmountInBase(new BigDecimal(amount))
                .setFxRate(BigDecimal.ONE.setScale(10)).setFxRateDate(LocalDate.of(2024, 5, 2))
                .setFxRateStatus(FxRateStatus.OFFICIAL).setEnrichedAt(Instant.now()).build();
    }

    private static BudgetAlert alert(ApiClient.SignedIn user, int threshold) {
        String budgetId = UUID.randomUUID().toString();
        return BudgetAlert.newBuilder().setAlertId(budgetId + ":2024-05-01:" + threshold)
                .setUserId(user.userId().toString()).setBudgetId(budgetId).setCategory("food")
                .setPeriodStart(LocalDate.of(2024, 5, 1)).setPeriodEnd(LocalDate.of(2024, 5, 31))
                .setThresholdPercent(threshold).setSpent(new BigDecimal("800.0000"))
                .setLimit(new BigDecimal("1000.0000")).setCurrency("KES").setRaisedAt(Instant.now()).build();
    }

    private static ObjectNode persisted(String hash, String query) {
        ObjectNode payload = GraphQlWebSocket.JSON.createObjectNode();
        if (query != null) {
            payload.put("query", query);
        }
        payload.putObject("extensions").putObject("persistedQuery").put("version", 1).put("sha256Hash", hash);
        return payload;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
