package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

@SpringBootTest
@AutoConfigureMockMvc
class HealthIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObservationRegistry observations;

    @Test
    void requestsAreObservedButNotEachOfSpringSecuritysFilters() {
        Observation request = Observation.start("http.server.requests", observations);
        Observation filterChain = Observation.start("spring.security.filterchains", observations);
        request.stop();
        filterChain.stop();

        assertThat(request.isNoop()).isFalse();
        assertThat(filterChain.isNoop()).isTrue();
    }

    @Test
    void healthNamesRedisAmongItsComponentsWithoutDetailsForAnonymousCallers() throws Exception {
        JsonNode health = ApiClient.json(mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("redis").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("redis").has("details")).isFalse();
    }
}
