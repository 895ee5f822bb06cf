package com.personifi.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Registers and signs in users through the real endpoints, as a client would. */
public final class ApiClient {

    public record SignedIn(UUID userId, UUID walletId, String token, String email, String refreshToken) {
        public String bearer() {
            return "Bearer " + token;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiClient() {
    }

    public static SignedIn signUp(MockMvc mvc, String baseCurrency) throws Exception {
        return signUp(mvc, baseCurrency, "user-" + UUID.randomUUID() + "@example.test");
    }

    public static SignedIn signUp(MockMvc mvc, String baseCurrency, String email) throws Exception {
        // each user signs up from an address of its own, as real users do: the limit per address is not the test's
        String address = "10.1." + (email.hashCode() >>> 24) + "." + (email.hashCode() & 0xff);
        String body = mvc.perform(post("/api/v1/auth/register").with(from(address)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"baseCurrency\":\""
                                + baseCurrency + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        JsonNode registered = JSON.readTree(body);
        String login = mvc.perform(post("/api/v1/auth/login").with(from(address)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return new SignedIn(UUID.fromString(registered.get("userId").asString()),
                UUID.fromString(registered.get("defaultAccountId").asString()),
                JSON.readTree(login).get("accessToken").asString(), email,
                JSON.readTree(login).get("refreshToken").asString());
    }

    public static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
