package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The default limit of personifi.api.requests-per-minute (600), through the whole stack; the other tests run with a
 * higher one, so this one names the default again.
 */
@SpringBootTest(properties = "personifi.api.requests-per-minute=600")
@AutoConfigureMockMvc
class RequestsPerUserLimitIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aUserPastSixHundredRequestsAMinuteGets429WithRetryAfterWhileOthersAreServed() throws Exception {
        ApiClient.SignedIn busy = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn other = ApiClient.signUp(mvc, "KES");

        int served = 0;
        MockHttpServletResponse refused = null;
        // up to two windows' worth, in case the minute turns while the test runs
        while (refused == null && served < 1300) {
            MockHttpServletResponse response = mvc.perform(get("/api/v1/accounts")
                    .header("Authorization", busy.bearer())).andReturn().getResponse();
            if (response.getStatus() == 429) {
                refused = response;
            } else {
                served++;
            }
        }

        assertThat(refused).as("refused after %d requests", served).isNotNull();
        assertThat(served).isGreaterThanOrEqualTo(600);
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
        assertThat(refused.getContentAsString()).contains("\"status\":429");
        assertThat(mvc.perform(get("/api/v1/accounts").header("Authorization", other.bearer())).andReturn()
                .getResponse().getStatus()).isEqualTo(200);
    }
}
