package com.personifi.api;

import static com.personifi.api.Requests.as;
import static com.personifi.api.Requests.fieldError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class RecurringIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRecurringRuleIsKeptWithItsNextOccurrenceReplacedAndDeleted() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        LocalDate today = LocalDate.now(ZoneId.of("Africa/Nairobi"));
        LocalDate start = today.minusDays(10);
        String body = """
                {"accountId": "%s", "amount": -25000.00, "description": "Rent", "counterparty": "Mama Njeri",
                 "category": "rent", "cadence": "WEEKLY", "interval": 2, "startDate": "%s"}"""
                .formatted(user.walletId(), start);
        String id = Requests.read(mvc.perform(as(user, post("/api/v1/recurring"), body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.currency").value("KES"))
                .andExpect(jsonPath("$.interval").value(2))
                .andExpect(jsonPath("$.nextOccurrence").value(start.plusWeeks(2).toString()))
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        assertThat(jdbc.sql("SELECT next_occurrence FROM recurring_rules WHERE id = ?::uuid").param(id)
                .query(LocalDate.class).single()).isEqualTo(start.plusWeeks(2));

        mvc.perform(as(user, put("/api/v1/recurring/" + id), """
                        {"accountId": "%s", "amount": 1500, "description": "Chama payout", "cadence": "MONTHLY",
                         "startDate": "%s", "endDate": "%s"}""".formatted(user.walletId(), today.minusMonths(1),
                        today.minusDays(1))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cadence").value("MONTHLY"))
                .andExpect(jsonPath("$.category").doesNotExist())
                .andExpect(jsonPath("$.nextOccurrence").doesNotExist());
        mvc.perform(as(user, get("/api/v1/recurring"))).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].description").value("Chama payout"));

        mvc.perform(as(user, delete("/api/v1/recurring/" + id))).andExpect(status().isNoContent());
        mvc.perform(as(user, get("/api/v1/recurring/" + id))).andExpect(status().isNotFound());
        Map<String, Object> audit = jdbc.sql("""
                        SELECT string_agg(action, ',' ORDER BY at) AS actions,
                               max(before->>'amount') FILTER (WHERE action = 'update') AS before_amount
                        FROM audit_log WHERE entity_type = 'recurring_rule' AND entity_id = ?""")
                .param(id).query().singleRow();
        assertThat(audit).containsEntry("actions", "create,update,delete").containsEntry("before_amount", "-25000.00");
    }

    @Test
    void everyInvalidFieldIsNamed() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn other = ApiClient.signUp(mvc, "KES");
        String wallet = user.walletId().toString();
        invalid(user, valid(other.walletId().toString(), "-100", "MONTHLY", "rent", ""), "accountId");
        invalid(user, valid(wallet, "0", "MONTHLY", "rent", ""), "amount");
        invalid(user, valid(wallet, "-100.005", "MONTHLY", "rent", ""), "amount");
        invalid(user, valid(wallet, "-100", "HOURLY", "rent", ""), "cadence");
        invalid(user, valid(wallet, "-100", "MONTHLY", "no-such", ""), "category");
        invalid(user, valid(wallet, "-100", "MONTHLY", "rent", ",\"endDate\":\"2023-12-31\""), "endDate");
        invalid(user, valid(wallet, "-100", "MONTHLY", "rent", ",\"interval\":0"), "interval");
        invalid(user, "{\"accountId\":\"" + wallet + "\",\"amount\":-1,\"cadence\":\"DAILY\",\"startDate\":\"2024-01-01\"}",
                "description");
        invalid(user, "{\"accountId\":\"" + wallet + "\",\"amount\":-1,\"description\":\"x\",\"cadence\":\"DAILY\"}",
                "startDate");
    }

    private static String valid(String account, String amount, String cadence, String category, String extra) {
        return "{\"accountId\":\"" + account + "\",\"amount\":" + amount + ",\"description\":\"Rent\",\"category\":\""
                + category + "\",\"cadence\":\"" + cadence + "\",\"startDate\":\"2024-01-01\"" + extra + "}";
    }

    private void invalid(ApiClient.SignedIn user, String body, String field) throws Exception {
        mvc.perform(as(user, post("/api/v1/recurring"), body)).andExpect(status().isBadRequest())
                .andExpect(fieldError(field));
    }
}
