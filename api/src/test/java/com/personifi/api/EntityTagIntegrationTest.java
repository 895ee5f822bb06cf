package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class EntityTagIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void anUnchangedListIsAnswered304WithoutABody() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String tag = mvc.perform(get("/api/v1/accounts").header("Authorization", user.bearer()))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", startsWith("W/\"")))
                // no shared or browser cache keeps personal data; the app revalidates its own copy with the tag
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andReturn().getResponse().getHeader("ETag");

        MockHttpServletResponse unchanged = mvc.perform(get("/api/v1/accounts").header("Authorization", user.bearer())
                        .header("If-None-Match", tag))
                .andExpect(status().isNotModified())
                .andReturn().getResponse();

        assertThat(unchanged.getContentAsByteArray()).isEmpty();
        assertThat(unchanged.getHeader("ETag")).isEqualTo(tag);
    }

    @Test
    void aChangedListIsSentAgainWithANewTag() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String tag = mvc.perform(get("/api/v1/accounts").header("Authorization", user.bearer()))
                .andReturn().getResponse().getHeader("ETag");
        mvc.perform(post("/api/v1/accounts").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Cash\",\"type\":\"CASH\",\"currency\":\"KES\"}"))
                .andExpect(status().isCreated());

        MockHttpServletResponse changed = mvc.perform(get("/api/v1/accounts").header("Authorization", user.bearer())
                        .header("If-None-Match", tag))
                .andExpect(status().isOk())
                .andReturn().getResponse();

        assertThat(changed.getContentAsString()).contains("\"Cash\"");
        assertThat(changed.getHeader("ETag")).isNotEqualTo(tag);
    }

    @Test
    void errorsAndWritesCarryNoTag() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        mvc.perform(get("/api/v1/transactions/00000000-0000-0000-0000-000000000000")
                        .header("Authorization", user.bearer()))
                .andExpect(status().isNotFound())
                .andExpect(header().doesNotExist("ETag"));
        mvc.perform(post("/api/v1/accounts").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Cash\",\"type\":\"CASH\",\"currency\":\"KES\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("ETag"));
    }
}
