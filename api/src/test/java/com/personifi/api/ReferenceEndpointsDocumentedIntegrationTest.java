package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** Clients learn categories, rules, budgets and recurring rules from the OpenAPI document, constraints included. */
@SpringBootTest
@AutoConfigureMockMvc
class ReferenceEndpointsDocumentedIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theOpenApiDocumentListsEveryOperationWithItsConstraints() throws Exception {
        JsonNode api = Requests.read(mvc.perform(get("/api/v1/openapi.json")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        JsonNode paths = api.get("paths");

        assertThat(paths.get("/api/v1/categories").has("get")).isTrue();
        assertThat(paths.get("/api/v1/categories").has("post")).isTrue();
        assertThat(paths.get("/api/v1/categories/{code}").propertyNames()).contains("patch", "delete");
        assertThat(paths.get("/api/v1/rules/{id}").propertyNames()).contains("get", "put", "patch", "delete");
        assertThat(paths.get("/api/v1/rules/{id}/preview").has("post")).isTrue();
        assertThat(paths.get("/api/v1/rules/{id}/apply").has("post")).isTrue();
        assertThat(paths.get("/api/v1/budgets/{id}").propertyNames()).contains("get", "put", "delete");
        assertThat(paths.get("/api/v1/budgets/status").has("get")).isTrue();
        assertThat(paths.get("/api/v1/recurring/{id}").propertyNames()).contains("get", "put", "delete");
        JsonNode conditions = api.get("components").get("schemas").get("Conditions").get("properties");
        assertThat(conditions.get("descriptionRegex").get("maxLength").asInt()).isEqualTo(300);
        assertThat(conditions.get("direction").get("pattern").asString()).isEqualTo("^(IN|OUT)$");
    }
}
