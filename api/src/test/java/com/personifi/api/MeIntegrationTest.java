package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.personifi.schemas.Topics;
import com.personifi.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

@SpringBootTest
@AutoConfigureMockMvc
class MeIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPersonSeesTheirOwnSettingsWithEachNotificationChannelOnOrOffByDefault() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        JsonNode me = ApiClient.json(mvc.perform(get("/api/v1/me").header("Authorization", user.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(user.userId().toString()))
                .andExpect(jsonPath("$.email").value(user.email()))
                .andExpect(jsonPath("$.baseCurrency").value("KES"))
                .andExpect(jsonPath("$.locale").value("en-KE"))
                .andExpect(jsonPath("$.timeZone").value("Africa/Nairobi"))
                .andReturn().getResponse().getContentAsString());

        assertThat(me.get("notifications")).hasSize(6);
        assertThat(preference(me, "BUDGET_ALERT", "SMS").get("enabled").asBoolean()).isTrue();
        assertThat(preference(me, "IMPORT_FINISHED", "SMS").get("enabled").asBoolean()).isFalse();
        assertThat(preference(me, "IMPORT_FINISHED", "EMAIL").get("enabled").asBoolean()).isTrue();
        assertThat(stream(me.get("notifications")).noneMatch(p -> p.get("userChoice").asBoolean())).isTrue();
        assertThat(me.has("passwordHash")).isFalse();
    }

    @Test
    void changingTheBaseCurrencyIsAuditedAndReachesTheStreamAtOnce() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        JsonNode me = ApiClient.json(change(user, """
                {"baseCurrency":"ugx","timeZone":"Africa/Kampala","locale":"sw-UG",
                 "notifications":[{"kind":"IMPORT_FINISHED","channel":"SMS","enabled":true},
                                  {"kind":"BUDGET_ALERT","channel":"EMAIL","enabled":false}]}""")
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());

        assertThat(me.get("baseCurrency").asString()).isEqualTo("UGX");
        assertThat(me.get("timeZone").asString()).isEqualTo("Africa/Kampala");
        assertThat(me.get("locale").asString()).isEqualTo("sw-UG");
        assertThat(preference(me, "IMPORT_FINISHED", "SMS").get("enabled").asBoolean()).isTrue();
        assertThat(preference(me, "IMPORT_FINISHED", "SMS").get("userChoice").asBoolean()).isTrue();
        assertThat(preference(me, "BUDGET_ALERT", "EMAIL").get("enabled").asBoolean()).isFalse();
        assertThat(preference(me, "BUDGET_ALERT", "SMS").get("userChoice").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT base_currency || ' ' || time_zone || ' ' || locale FROM users WHERE id = ?")
                .param(user.userId()).query(String.class).single()).isEqualTo("UGX Africa/Kampala sw-UG");

        Map<String, Object> audit = jdbc.sql("""
                        SELECT actor_id, action, before::text AS before, after::text AS after FROM audit_log
                        WHERE entity_type = 'user' AND entity_id = ?""")
                .param(user.userId().toString()).query().singleRow();
        assertThat(audit.get("actor_id")).isEqualTo(user.userId());
        JsonNode before = ApiClient.json((String) audit.get("before"));
        JsonNode after = ApiClient.json((String) audit.get("after"));
        assertThat(before.get("baseCurrency").asString()).isEqualTo("KES");
        assertThat(after.get("baseCurrency").asString()).isEqualTo("UGX");
        assertThat(before.get("timeZone").asString()).isEqualTo("Africa/Nairobi");
        assertThat(after.get("locale").asString()).isEqualTo("sw-UG");
        assertThat(before.get("notifications.IMPORT_FINISHED.SMS").asBoolean()).isFalse();
        assertThat(after.get("notifications.IMPORT_FINISHED.SMS").asBoolean()).isTrue();

        List<ConsumerRecord<String, byte[]>> published = TopicReader.read(Topics.USERS,
                r -> user.userId().toString().equals(r.key()), 2, Duration.ofSeconds(20));
        JsonNode latest = ApiClient.json(new String(published.get(published.size() - 1).value(),
                StandardCharsets.UTF_8));
        assertThat(latest.get("base_currency").asString()).isEqualTo("UGX");
        assertThat(latest.get("time_zone").asString()).isEqualTo("Africa/Kampala");
    }

    @Test
    void everyInvalidSettingIsNamedAndNothingChanges() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        JsonNode problem = ApiClient.json(change(user, """
                {"baseCurrency":"KSH","timeZone":"Nairobi","locale":"not a tag!",
                 "notifications":[{"kind":"NEWSLETTER","channel":"SMS","enabled":true}]}""")
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString());

        assertThat(stream(problem.get("errors")).map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("baseCurrency", "timeZone", "locale", "notifications[0]");
        assertThat(jdbc.sql("SELECT base_currency || ' ' || time_zone || ' ' || locale FROM users WHERE id = ?")
                .param(user.userId()).query(String.class).single()).isEqualTo("KES Africa/Nairobi en-KE");
        assertThat(jdbc.sql("SELECT count(*) FROM notification_preferences WHERE user_id = ?")
                .param(user.userId()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'user' AND entity_id = ?")
                .param(user.userId().toString()).query(Long.class).single()).isZero();
    }

    @Test
    void aPreferenceWithoutItsSwitchIsAFieldError() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        change(user, "{\"notifications\":[{\"kind\":\"BUDGET_ALERT\",\"channel\":\"SMS\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("notifications[0].enabled"));
    }

    @Test
    void settingWhatIsAlreadySetLeavesNoAuditEntry() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        change(user, "{\"baseCurrency\":\"KES\",\"timeZone\":\"Africa/Nairobi\"}").andExpect(status().isOk());

        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'user' AND entity_id = ?")
                .param(user.userId().toString()).query(Long.class).single()).isZero();
    }

    private ResultActions change(ApiClient.SignedIn user, String json) throws Exception {
        return mvc.perform(patch("/api/v1/me").header("Authorization", user.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static JsonNode preference(JsonNode me, String kind, String channel) {
        return stream(me.get("notifications"))
                .filter(p -> p.get("kind").asString().equals(kind) && p.get("channel").asString().equals(channel))
                .findFirst().orElseThrow();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
