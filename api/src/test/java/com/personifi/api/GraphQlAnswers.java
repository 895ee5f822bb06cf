package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Posts GraphQL requests as an app does, and reads the answer whatever its status (a refused request is a 400). */
final class GraphQlAnswers {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private GraphQlAnswers() {
    }

    static JsonNode query(MockMvc mvc, ApiClient.SignedIn user, String query) throws Exception {
        return send(mvc, user, JSON.writeValueAsString(JSON.createObjectNode().put("query", query)));
    }

    /** Runs an operation that must not fail as a whole (typed errors in a payload are data), and gives its data. */
    static JsonNode data(MockMvc mvc, ApiClient.SignedIn user, String query, ObjectNode variables) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", variables);
        JsonNode answer = send(mvc, user, JSON.writeValueAsString(body));
        assertThat(answer.has("errors")).as("GraphQL errors in %s", answer).isFalse();
        return answer.get("data");
    }

    static ObjectNode variables() {
        return JSON.createObjectNode();
    }

    /** A payload's typed errors as "CODE field", in order. */
    static List<String> errors(JsonNode payload) {
        return payload.get("errors").valueStream()
                .map(e -> e.get("code").asString() + " " + e.get("field").asString()).toList();
    }

    /** @param body the request body exactly as sent, so a test can weigh it */
    static JsonNode send(MockMvc mvc, ApiClient.SignedIn user, String body) throws Exception {
        return JSON.readTree(mvc.perform(MockMvcRequestBuilders.post("/graphql")
                        .header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
