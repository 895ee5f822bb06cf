package com.personifi.api;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Posts GraphQL requests as an app does, and reads the answer whatever its status (a refused request is a 400). */
final class GraphQlAnswers {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private GraphQlAnswers() {
    }

    static JsonNode query(MockMvc mvc, ApiClient.SignedIn user, String query) throws Exception {
        return send(mvc, user, JSON.writeValueAsString(JSON.createObjectNode().put("query", query)));
    }

    /** @param body the request body exactly as sent, so a test can weigh it */
    static JsonNode send(MockMvc mvc, ApiClient.SignedIn user, String body) throws Exception {
        return JSON.readTree(mvc.perform(MockMvcRequestBuilders.post("/graphql")
                        .header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
