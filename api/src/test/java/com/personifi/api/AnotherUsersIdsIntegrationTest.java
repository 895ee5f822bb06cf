package com.personifi.api;

import static com.personifi.api.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A second user trying the first one's categories, rules, budgets and recurring rules finds nothing, on every verb. */
@SpringBootTest
@AutoConfigureMockMvc
class AnotherUsersIdsIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyVerbOfEveryEndpointAnswersNotFoundAndChangesNothing() throws Exception {
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn stranger = ApiClient.signUp(mvc, "KES");
        mvc.perform(as(owner, post("/api/v1/categories"), "{\"code\":\"chama\",\"name\":\"Chama\",\"kind\":\"EXPENSE\"}"))
                .andExpect(status().isCreated());
        LedgerRow.of(owner, "O1", "2024-05-02T08:00:00Z", "-100.00", "Merchant Payment to NAIVAS").insert(jdbc);
        String rule = id(owner, "/api/v1/rules",
                "{\"conditions\":{\"descriptionContains\":\"naivas\"},\"actions\":{\"category\":\"food\"}}");
        String budget = id(owner, "/api/v1/budgets", "{\"category\":\"food\",\"amount\":1000}");
        String recurring = id(owner, "/api/v1/recurring", "{\"accountId\":\"" + owner.walletId() + "\",\"amount\":-10,"
                + "\"description\":\"Rent\",\"cadence\":\"MONTHLY\",\"startDate\":\"2024-01-01\"}");
        String ruleBody = "{\"conditions\":{\"descriptionContains\":\"x\"},\"actions\":{\"category\":\"food\"}}";
        String budgetBody = "{\"category\":\"food\",\"amount\":5}";
        String recurringBody = "{\"accountId\":\"" + stranger.walletId() + "\",\"amount\":-1,\"description\":\"x\","
                + "\"cadence\":\"DAILY\",\"startDate\":\"2024-01-01\"}";

        notFound(stranger, patch("/api/v1/categories/chama"), "{\"name\":\"Mine now\"}");
        notFound(stranger, delete("/api/v1/categories/chama"));
        notFound(stranger, get("/api/v1/rules/" + rule));
        notFound(stranger, put("/api/v1/rules/" + rule), ruleBody);
        notFound(stranger, patch("/api/v1/rules/" + rule), "{\"priority\":1}");
        notFound(stranger, delete("/api/v1/rules/" + rule));
        notFound(stranger, post("/api/v1/rules/" + rule + "/preview"));
        notFound(stranger, post("/api/v1/rules/" + rule + "/apply"));
        notFound(stranger, get("/api/v1/budgets/" + budget));
        notFound(stranger, put("/api/v1/budgets/" + budget), budgetBody);
        notFound(stranger, delete("/api/v1/budgets/" + budget));
        notFound(stranger, get("/api/v1/recurring/" + recurring));
        notFound(stranger, put("/api/v1/recurring/" + recurring), recurringBody);
        notFound(stranger, delete("/api/v1/recurring/" + recurring));

        // lists show none of them
        mvc.perform(as(stranger, get("/api/v1/rules"))).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(as(stranger, get("/api/v1/budgets"))).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(as(stranger, get("/api/v1/budgets/status"))).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(as(stranger, get("/api/v1/recurring"))).andExpect(jsonPath("$.length()").value(0));
        // the owner's things are as they were
        Map<String, Object> state = jdbc.sql("""
                        SELECT (SELECT count(*) FROM categories WHERE user_id = ? AND deleted_at IS NULL) AS categories,
                               (SELECT priority FROM category_rules WHERE id = ?::uuid AND deleted_at IS NULL) AS priority,
                               (SELECT amount::text FROM budgets WHERE id = ?::uuid AND deleted_at IS NULL) AS budget,
                               (SELECT description FROM recurring_rules WHERE id = ?::uuid AND deleted_at IS NULL) AS rent,
                               (SELECT category FROM transactions WHERE user_id = ?) AS category,
                               (SELECT count(*) FROM audit_log
                                WHERE actor_id = ? AND entity_id <> ?) AS stranger_changes""")
                .params(owner.userId(), rule, budget, recurring, owner.userId(), stranger.userId(),
                        // besides the wallet the stranger's own sign-up opened
                        stranger.walletId().toString()).query().singleRow();
        assertThat(state).containsEntry("categories", 1L).containsEntry("priority", 100)
                .containsEntry("budget", "1000.0000").containsEntry("rent", "Rent")
                .containsEntry("category", "uncategorized").containsEntry("stranger_changes", 0L);
    }

    private void notFound(ApiClient.SignedIn user, MockHttpServletRequestBuilder request) throws Exception {
        mvc.perform(as(user, request)).andExpect(status().isNotFound());
    }

    private void notFound(ApiClient.SignedIn user, MockHttpServletRequestBuilder request, String body) throws Exception {
        mvc.perform(as(user, request, body)).andExpect(status().isNotFound());
    }

    private String id(ApiClient.SignedIn user, String path, String body) throws Exception {
        return Requests.read(mvc.perform(as(user, post(path), body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asString();
    }
}
