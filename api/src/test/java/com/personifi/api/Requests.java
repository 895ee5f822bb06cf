package com.personifi.api;

import java.math.BigDecimal;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/** Requests as a signed-in client sends them, and reading their answers with money kept exact. */
public final class Requests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private Requests() {
    }

    public static MockHttpServletRequestBuilder as(ApiClient.SignedIn user, MockHttpServletRequestBuilder request) {
        return request.header("Authorization", user.bearer());
    }

    public static MockHttpServletRequestBuilder as(ApiClient.SignedIn user, MockHttpServletRequestBuilder request,
                                                   String json) {
        return request.header("Authorization", user.bearer()).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    public static JsonNode read(String body) {
        return JSON.readTree(body);
    }

    public static BigDecimal decimal(JsonNode node) {
        return new BigDecimal(node.asString());
    }

    /** The problem document names this field among its errors. */
    public static ResultMatcher fieldError(String field) {
        return jsonPath("$.errors[?(@.field == '" + field + "')]").exists();
    }
}
