package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** Clients learn the conventions from the OpenAPI document, on the operations they apply to. */
@SpringBootTest
@AutoConfigureMockMvc
class OpenApiConventionsIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void postsForAUserTakeAnIdempotencyKeyAndListsTakeFields() throws Exception {
        JsonNode paths = ApiClient.json(mvc.perform(get("/api/v1/openapi.json"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("paths");

        assertThat(parameters(paths, "/api/v1/accounts", "post")).contains("header:Idempotency-Key");
        assertThat(parameters(paths, "/api/v1/webhooks", "post")).contains("header:Idempotency-Key");
        assertThat(parameters(paths, "/api/v1/transactions", "post")).containsOnlyOnce("header:Idempotency-Key");
        assertThat(parameters(paths, "/api/v1/auth/login", "post")).doesNotContain("header:Idempotency-Key");
        assertThat(parameters(paths, "/api/v1/imports", "post")).doesNotContain("header:Idempotency-Key");
        assertThat(parameters(paths, "/api/v1/feeds/sms", "post")).doesNotContain("header:Idempotency-Key");
        assertThat(parameters(paths, "/api/v1/transactions", "get")).contains("query:fields");
        assertThat(parameters(paths, "/api/v1/accounts", "get")).contains("query:fields");
        assertThat(parameters(paths, "/api/v1/imports/{jobId}/errors", "get")).doesNotContain("query:fields");
    }

    private static List<String> parameters(JsonNode paths, String path, String method) {
        List<String> found = new ArrayList<>();
        JsonNode operation = paths.get(path).get(method);
        assertThat(operation).as(method + " " + path).isNotNull();
        if (operation.has("parameters")) {
            operation.get("parameters").forEach(p -> found.add(p.get("in").asString() + ":" + p.get("name").asString()));
        }
        return found;
    }
}
