package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
class MeGraphQlIntegrationTest {

    private static final String ME = "id email baseCurrency locale timeZone "
            + "notifications { kind channel enabled userChoice }";
    private static final String UPDATE = "mutation($input: UpdateMeInput!) { updateMe(input: $input) { me { " + ME
            + " } errors { code field message } } }";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RedissonClient redis;

    @Test
    void aPersonReadsTheSameSettingsAsRestShows() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        JsonNode me = GraphQlAnswers.data(mvc, user, "{ me { " + ME + " } }", GraphQlAnswers.variables()).get("me");

        JsonNode rest = ApiClient.json(mvc.perform(get("/api/v1/me").header("Authorization", user.bearer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(me.get("id").asString()).isEqualTo(user.userId().toString());
        assertThat(me.get("email").asString()).isEqualTo(user.email());
        assertThat(me.get("baseCurrency").asString()).isEqualTo("KES");
        assertThat(me.get("timeZone").asString()).isEqualTo("Africa/Nairobi");
        assertThat(me.get("locale").asString()).isEqualTo("en-KE");
        assertThat(me.get("notifications")).hasSize(6).isEqualTo(rest.get("notifications"));
    }

    @Test
    void changingTheBaseCurrencyAndANotificationIsAuditedAndMovesTheDataVersionOn() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        long version = redis.getAtomicLong(RedisKeys.dataVersion(user.userId())).get();
        ObjectNode variables = GraphQlAnswers.variables();
        variables.set("input", GraphQlAnswers.JSON.readTree("""
                {"baseCurrency": "ugx", "timeZone": "Africa/Kampala",
                 "notifications": [{"kind": "IMPORT_FINISHED", "channel": "SMS", "enabled": true}]}"""));

        JsonNode updated = GraphQlAnswers.data(mvc, user, UPDATE, variables).get("updateMe");

        assertThat(updated.get("errors")).isEmpty();
        assertThat(updated.get("me").get("baseCurrency").asString()).isEqualTo("UGX");
        JsonNode rest = ApiClient.json(mvc.perform(get("/api/v1/me").header("Authorization", user.bearer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(rest.get("baseCurrency").asString()).isEqualTo("UGX");
        assertThat(rest.get("timeZone").asString()).isEqualTo("Africa/Kampala");
        assertThat(rest.get("notifications").valueStream().filter(p -> p.get("kind").asString()
                .equals("IMPORT_FINISHED") && p.get("channel").asString().equals("SMS")).findFirst().orElseThrow()
                .get("enabled").asBoolean()).isTrue();
        JsonNode after = ApiClient.json(jdbc.sql("""
                        SELECT after::text FROM audit_log
                        WHERE entity_type = 'user' AND entity_id = ? AND action = 'update-settings'""")
                .param(user.userId().toString()).query(String.class).single());
        assertThat(after.get("baseCurrency").asString()).isEqualTo("UGX");
        assertThat(after.get("notifications.IMPORT_FINISHED.SMS").asBoolean()).isTrue();
        assertThat(redis.getAtomicLong(RedisKeys.dataVersion(user.userId())).get()).isGreaterThan(version);
    }

    @Test
    void everyInvalidSettingIsATypedErrorOnItsFieldAndNothingChanges() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ObjectNode domain = GraphQlAnswers.variables();
        domain.set("input", GraphQlAnswers.JSON.readTree("""
                {"baseCurrency": "KSH", "timeZone": "Nairobi", "locale": "not a tag!",
                 "notifications": [{"kind": "NEWSLETTER", "channel": "SMS", "enabled": true}]}"""));
        ObjectNode tooLong = GraphQlAnswers.variables();
        tooLong.set("input", GraphQlAnswers.JSON.createObjectNode().put("baseCurrency", "KESH"));

        JsonNode invalid = GraphQlAnswers.data(mvc, user, UPDATE, domain).get("updateMe");
        JsonNode bean = GraphQlAnswers.data(mvc, user, UPDATE, tooLong).get("updateMe");

        assertThat(invalid.get("me").isNull()).isTrue();
        assertThat(GraphQlAnswers.errors(invalid)).containsExactlyInAnyOrder("INVALID baseCurrency",
                "INVALID timeZone", "INVALID locale", "INVALID notifications[0]");
        assertThat(GraphQlAnswers.errors(bean)).containsExactly("INVALID baseCurrency");
        assertThat(jdbc.sql("SELECT base_currency || ' ' || time_zone || ' ' || locale FROM users WHERE id = ?")
                .param(user.userId()).query(String.class).single()).isEqualTo("KES Africa/Nairobi en-KE");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'user' AND entity_id = ?")
                .param(user.userId().toString()).query(Long.class).single()).isZero();
    }
}
