package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import com.personifi.schemas.RedisKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Automatic persisted queries as Apollo clients speak them: the hash first, the query once, then the hash alone. */
@SpringBootTest
@AutoConfigureMockMvc
class PersistedQueriesIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    RedissonClient redis;

    ApiClient.SignedIn user;

    @BeforeEach
    void givenASignedInUser() throws Exception {
        user = ApiClient.signUp(mvc, "KES");
    }

    @Test
    void anUnknownHashIsAskedForItsQueryWhichIsThenKeptSoTheHashAloneRunsIt() throws Exception {
        String query = dashboardQuery();
        String hash = sha256(query);

        JsonNode unknown = GraphQlAnswers.send(mvc, user, hashOnly(hash));
        assertThat(unknown.get("errors").get(0).get("message").asString()).isEqualTo("PersistedQueryNotFound");

        JsonNode first = GraphQlAnswers.send(mvc, user, withQuery(hash, query));
        assertThat(first.has("errors")).as("%s", first).isFalse();
        assertThat(redis.getBucket(RedisKeys.persistedQuery(hash), StringCodec.INSTANCE).get()).isEqualTo(query);

        JsonNode later = GraphQlAnswers.send(mvc, user, hashOnly(hash));
        assertThat(later.has("errors")).as("%s", later).isFalse();
        assertThat(later.get("data")).isEqualTo(first.get("data"));
        assertThat(later.get("data").get("d").get("currency").asString()).isEqualTo("KES");
    }

    @Test
    void aPersistedRequestWeighsAFractionOfTheQueryItStandsFor() throws Exception {
        String query = dashboardQuery();
        String hash = sha256(query);
        String full = withQuery(hash, query);
        GraphQlAnswers.send(mvc, user, full);

        String persisted = hashOnly(hash);
        assertThat(GraphQlAnswers.send(mvc, user, persisted).has("errors")).isFalse();
        assertThat(persisted.getBytes(StandardCharsets.UTF_8).length)
                .as("bytes of the persisted request against %d of the full one", full.length())
                .isLessThan(full.getBytes(StandardCharsets.UTF_8).length / 3);
    }

    @Test
    void aQueryWhoseHashIsNotItsOwnIsRefusedAndNotKept() throws Exception {
        String query = dashboardQuery();
        String otherHash = sha256(query + " ");

        JsonNode refused = GraphQlAnswers.send(mvc, user, withQuery(otherHash, query));
        assertThat(refused.get("errors").get(0).get("message").asString()).isEqualTo("PersistedQueryIdInvalid");
        assertThat(refused.has("data") && !refused.get("data").isNull()).isFalse();

        JsonNode stillUnknown = GraphQlAnswers.send(mvc, user, hashOnly(otherHash));
        assertThat(stillUnknown.get("errors").get(0).get("message").asString()).isEqualTo("PersistedQueryNotFound");
    }

    @Test
    void aQueryAnotherInstancePersistedIsFoundInRedis() throws Exception {
        String query = dashboardQuery();
        String hash = sha256(query);
        redis.getBucket(RedisKeys.persistedQuery(hash), StringCodec.INSTANCE).set(query, Duration.ofMinutes(5));

        JsonNode answer = GraphQlAnswers.send(mvc, user, hashOnly(hash));

        assertThat(answer.has("errors")).as("%s", answer).isFalse();
        assertThat(answer.get("data").get("d").get("month").asString()).isEqualTo("2024-05");
    }

    @Test
    void aHashThatIsNoSha256IsRefusedWithoutLookingItUp() throws Exception {
        JsonNode answer = GraphQlAnswers.send(mvc, user, hashOnly("personifi:auth:revoked:*"));

        assertThat(answer.get("errors").get(0).get("message").asString()).isEqualTo("PersistedQueryIdInvalid");
    }

    @Test
    void aClientSpeakingAnotherVersionOfTheProtocolIsToldSo() throws Exception {
        String query = dashboardQuery();
        ObjectNode body = GraphQlAnswers.JSON.createObjectNode().put("query", query);
        body.putObject("extensions").putObject("persistedQuery").put("version", 2).put("sha256Hash", sha256(query));

        JsonNode answer = GraphQlAnswers.send(mvc, user, GraphQlAnswers.JSON.writeValueAsString(body));

        assertThat(answer.get("errors").get(0).get("message").asString())
                .isEqualTo("Unsupported persisted query version 2; only version 1 is known");
    }

    /** A query of its own per test (its operation name), so no test finds another's persisted query. */
    private static String dashboardQuery() {
        return "query Dashboard" + UUID.randomUUID().toString().replace("-", "") + " { d: dashboard(month: "
                + "\"2024-05\") { month currency income spending net byCategory { category name amount } "
                + "transactionCount unconvertedCount } cashFlow(from: \"2024-01\", to: \"2024-05\") { currency "
                + "months { month income spending net transactionCount } } }";
    }

    private static String hashOnly(String hash) {
        ObjectNode body = GraphQlAnswers.JSON.createObjectNode();
        body.putObject("extensions").putObject("persistedQuery").put("version", 1).put("sha256Hash", hash);
        return GraphQlAnswers.JSON.writeValueAsString(body);
    }

    private static String withQuery(String hash, String query) {
        ObjectNode body = GraphQlAnswers.JSON.createObjectNode().put("query", query);
        body.putObject("extensions").putObject("persistedQuery").put("version", 1).put("sha256Hash", hash);
        return GraphQlAnswers.JSON.writeValueAsString(body);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
