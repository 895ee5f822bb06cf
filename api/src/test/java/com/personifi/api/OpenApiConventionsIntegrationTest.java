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

    @Test
    void everyDecimalIsDocumentedAsAString() throws Exception {
        JsonNode document = ApiClient.json(mvc.perform(get("/api/v1/openapi.json"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        List<String> numbers = new ArrayList<>();
        List<String> decimals = new ArrayList<>();
        walk(document, "", numbers, decimals);

        // amounts in budgets, recurring rules, dashboards, transactions, … and in requests as well
        assertThat(decimals).anyMatch(path -> path.contains("/Budget/properties/amount"))
                .anyMatch(path -> path.contains("/RecurringRule/properties/amount"))
                .anyMatch(path -> path.contains("/Dashboard/properties/income"));
        assertThat(numbers).as("schemas a client would read as a binary float").isEmpty();
    }

    /** Every schema typed "number", and every one with format "decimal", by its path in the document. */
    private static void walk(JsonNode node, String path, List<String> numbers, List<String> decimals) {
        if (node.isObject()) {
            JsonNode type = node.get("type");
            if (type != null && (type.isString() ? type.asString().equals("number")
                    : type.isArray() && type.toString().contains("\"number\""))) {
                numbers.add(path);
            }
            if (node.path("format").isString() && node.get("format").asString().equals("decimal")) {
                decimals.add(path);
            }
            node.properties().forEach(field -> walk(field.getValue(), path + "/" + field.getKey(), numbers, decimals));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, numbers, decimals);
            }
        }
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
