package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The changes made outside the domain services' own transactions leave an audit entry too: money entered by hand,
 * the doors that let money in (Daraja feeds, SMS forwarders), the webhooks that send data out, and CSV profiles. A
 * refused change leaves none, and no entry holds a secret.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuditTrailIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void moneyEnteredByHandIsRecordedWithItsAmountAsText() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        // accepted (202): the transaction is booked once the stream has it
        String id = ApiClient.json(mvc.perform(send(user, post("/api/v1/transactions"), "{\"accountId\":\""
                        + user.walletId() + "\",\"amount\":\"-1250.50\",\"description\":\"School shoes\","
                        + "\"counterparty\":\"Bata\"}"))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString()).get("id").asString();

        JsonNode after = ApiClient.json(jdbc.sql("""
                        SELECT after::text FROM audit_log
                        WHERE actor_id = ? AND entity_type = 'transaction' AND entity_id = ? AND action = 'create'""")
                .params(user.userId(), id).query(String.class).single());
        assertThat(after.get("amount").isString()).isTrue();
        assertThat(after.get("amount").asString()).isEqualTo("-1250.50");
        assertThat(after.get("currency").asString()).isEqualTo("KES");
        assertThat(after.get("accountId").asString()).isEqualTo(user.walletId().toString());
    }

    @Test
    void feedsAndForwardersAreRecordedWhenMadeAndRevokedWithoutTheirSecrets() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        JsonNode feed = created(user, post("/api/v1/feeds/mpesa"), "{\"accountId\":\"" + user.walletId() + "\"}");
        JsonNode forwarder = created(user, post("/api/v1/feeds/sms/forwarders"), "{\"name\":\"Tecno Spark\"}");
        mvc.perform(delete("/api/v1/feeds/mpesa/" + feed.get("id").asString()).header("Authorization", user.bearer()))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/v1/feeds/sms/forwarders/" + forwarder.get("id").asString())
                .header("Authorization", user.bearer())).andExpect(status().isNoContent());

        assertThat(actions(user, "mpesa_feed")).containsExactly("create", "revoke");
        assertThat(actions(user, "sms_forwarder")).containsExactly("create", "revoke");
        assertThat(everythingRecorded(user)).doesNotContain(feed.get("token").asString())
                .doesNotContain(forwarder.get("token").asString());
    }

    @Test
    void aWebhookIsRecordedByItsDestinationWithoutItsQueryOrSecret() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        JsonNode webhook = created(user, post("/api/v1/webhooks"),
                "{\"url\":\"https://203.0.113.10/personifi/hooks?key=receiver-key-123\"}");
        mvc.perform(delete("/api/v1/webhooks/" + webhook.get("id").asString()).header("Authorization", user.bearer()))
                .andExpect(status().isNoContent());

        assertThat(actions(user, "webhook")).containsExactly("create", "delete");
        assertThat(everythingRecorded(user)).contains("https://203.0.113.10/personifi/hooks")
                .doesNotContain("receiver-key-123").doesNotContain(webhook.get("secret").asString());
    }

    @Test
    void aCsvProfileIsRecordedBeforeAndAfterEachChangeAndARefusedChangeLeavesNothing() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String id = created(user, post("/api/v1/imports/csv-profiles"), CsvProfilesIntegrationTest.EQUITY)
                .get("id").asString();
        mvc.perform(send(user, put("/api/v1/imports/csv-profiles/" + id),
                        CsvProfilesIntegrationTest.EQUITY.replace("Equity current account", "Equity salary account")))
                .andExpect(status().isOk());
        mvc.perform(send(user, put("/api/v1/imports/csv-profiles/" + java.util.UUID.randomUUID()),
                CsvProfilesIntegrationTest.EQUITY)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/imports/csv-profiles/" + id).header("Authorization", user.bearer()))
                .andExpect(status().isNoContent());

        assertThat(actions(user, "csv_profile")).containsExactly("create", "update", "delete");
        String update = jdbc.sql("""
                        SELECT before->>'name' || ' -> ' || (after->>'name') FROM audit_log
                        WHERE actor_id = ? AND entity_type = 'csv_profile' AND action = 'update'""")
                .param(user.userId()).query(String.class).single();
        assertThat(update).isEqualTo("Equity current account -> Equity salary account");
    }

    private JsonNode created(ApiClient.SignedIn user, MockHttpServletRequestBuilder request, String body)
            throws Exception {
        return ApiClient.json(mvc.perform(send(user, request, body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
    }

    private static MockHttpServletRequestBuilder send(ApiClient.SignedIn user, MockHttpServletRequestBuilder request,
                                                      String body) {
        return request.header("Authorization", user.bearer()).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private List<String> actions(ApiClient.SignedIn user, String entityType) {
        return jdbc.sql("SELECT action FROM audit_log WHERE actor_id = ? AND entity_type = ? ORDER BY at, action")
                .params(user.userId(), entityType).query(String.class).list();
    }

    private String everythingRecorded(ApiClient.SignedIn user) {
        return String.join("\n", jdbc.sql("""
                        SELECT coalesce(before::text, '') || coalesce(after::text, '') FROM audit_log
                        WHERE actor_id = ?""")
                .param(user.userId()).query(String.class).list());
    }
}
