package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** Production rules: https to public addresses only (private addresses are allowed only in local and dev). */
@SpringBootTest
@AutoConfigureMockMvc
class WebhooksIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRegisteredEndpointGetsItsSigningSecretOnceAndIsListedWithoutIt() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        JsonNode registered = ApiClient.json(register(user, "https://203.0.113.10/personifi/hooks")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/webhooks/")))
                .andReturn().getResponse().getContentAsString());
        UUID id = UUID.fromString(registered.get("id").asString());
        String secret = registered.get("secret").asString();

        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(jdbc.sql("SELECT signing_secret FROM webhook_endpoints WHERE id = ? AND user_id = ?")
                .params(id, user.userId()).query(String.class).single()).isEqualTo(secret);
        String list = mvc.perform(get("/api/v1/webhooks").header("Authorization", user.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(id.toString()))
                .andExpect(jsonPath("$[0].url").value("https://203.0.113.10/personifi/hooks"))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain(secret).doesNotContain("secret");
        mvc.perform(get("/api/v1/webhooks/" + id).header("Authorization", user.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.secret").doesNotExist());
    }

    @Test
    void anotherUsersEndpointIsNotFoundAndStaysRegistered() throws Exception {
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn stranger = ApiClient.signUp(mvc, "KES");
        UUID id = UUID.fromString(ApiClient.json(register(owner, "https://203.0.113.11/hooks")
                .andReturn().getResponse().getContentAsString()).get("id").asString());

        mvc.perform(get("/api/v1/webhooks/" + id).header("Authorization", stranger.bearer()))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/webhooks/" + id).header("Authorization", stranger.bearer()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/webhooks").header("Authorization", stranger.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));

        assertThat(jdbc.sql("SELECT deleted_at IS NULL FROM webhook_endpoints WHERE id = ?").param(id)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void aDeletedEndpointLeavesTheListButItsRowStays() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        UUID id = UUID.fromString(ApiClient.json(register(user, "https://203.0.113.12/hooks")
                .andReturn().getResponse().getContentAsString()).get("id").asString());

        mvc.perform(delete("/api/v1/webhooks/" + id).header("Authorization", user.bearer()))
                .andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/webhooks").header("Authorization", user.bearer()))
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(delete("/api/v1/webhooks/" + id).header("Authorization", user.bearer()))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM webhook_endpoints WHERE id = ?").param(id)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void plainHttpAndThePlatformsOwnNetworkAreRefusedWithAFieldError() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        for (String url : new String[] {"http://203.0.113.13/hooks", "https://127.0.0.1/hooks",
                "https://10.1.2.3/hooks", "https://169.254.169.254/latest/meta-data", "ftp://203.0.113.13/"}) {
            register(user, url)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("url"));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isZero();
    }

    private ResultActions register(ApiClient.SignedIn user, String url) throws Exception {
        return mvc.perform(post("/api/v1/webhooks").header("Authorization", user.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"url\":\"" + url + "\"}"));
    }
}
