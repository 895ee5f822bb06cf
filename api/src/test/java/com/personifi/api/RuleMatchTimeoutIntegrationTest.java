package com.personifi.api;

import static com.personifi.api.Requests.as;
import static com.personifi.api.Requests.fieldError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A pattern that takes too long over a user's history is stopped by PostgreSQL and reported against the pattern;
 * nothing is changed. The timeout is cut to a millisecond here so an ordinary history outlasts it.
 */
@SpringBootTest(properties = "personifi.rules.match-timeout=1ms")
@AutoConfigureMockMvc
class RuleMatchTimeoutIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSearchOutlivingTheTimeoutIsAFieldErrorAndChangesNothing() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        jdbc.sql("""
                        INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date,
                            amount, currency, description, category, category_source, category_confidence,
                            base_currency, amount_in_base, fx_rate_status)
                        SELECT gen_random_uuid(), ?, ?, 'T' || i, 'MPESA_STATEMENT', now(), current_date, -1, 'KES',
                               repeat('ab', 1000) || i, 'uncategorized', 'BUILT_IN', 80, 'KES', -1, 'OFFICIAL'
                        FROM generate_series(1, 30000) AS i""")
                .params(user.userId(), user.walletId()).update();
        String rule = Requests.read(mvc.perform(as(user, post("/api/v1/rules"),
                        "{\"conditions\":{\"descriptionRegex\":\"(ab|ba)*x\\\\d+$\"},\"actions\":{\"category\":\"food\"}}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();

        mvc.perform(as(user, post("/api/v1/rules/" + rule + "/preview"))).andExpect(status().isBadRequest())
                .andExpect(fieldError("conditions.descriptionRegex"));
        mvc.perform(as(user, post("/api/v1/rules/" + rule + "/apply"))).andExpect(status().isBadRequest())
                .andExpect(fieldError("conditions.descriptionRegex"));

        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = ? AND category <> 'uncategorized'")
                .param(user.userId()).query(Long.class).single()).isZero();
    }
}
