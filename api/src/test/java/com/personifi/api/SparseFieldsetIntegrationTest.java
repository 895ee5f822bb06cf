package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.personifi.schemas.ids.TransactionIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

@SpringBootTest
@AutoConfigureMockMvc
class SparseFieldsetIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aListCarriesOnlyTheFieldsAskedFor() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        mvc.perform(post("/api/v1/accounts").header("Authorization", user.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Equity current\",\"type\":\"BANK\",\"provider\":\"Equity\",\"currency\":\"KES\"}"))
                .andExpect(status().isCreated());

        String full = body(user, "/api/v1/accounts");
        String sparse = body(user, "/api/v1/accounts?fields=id,name");

        JsonNode items = ApiClient.json(sparse);
        assertThat(items).hasSize(2);
        for (JsonNode account : items) {
            assertThat(names(account)).containsExactlyInAnyOrder("id", "name");
        }
        assertThat(items.get(1).get("name").asString()).isEqualTo("Equity current");
        assertThat(names(ApiClient.json(full).get(0))).contains("type", "provider", "currency");
        assertThat(sparse.getBytes().length).isLessThan(full.getBytes().length);
    }

    @Test
    void aPageFiltersItsItemsAndKeepsItsCursor() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        for (int day = 1; day <= 3; day++) {
            ledgerRow(user, "SFK" + day, "2024-05-0" + day + "T08:00:00Z", "-250.00");
        }

        String full = body(user, "/api/v1/transactions?limit=2");
        String sparse = body(user, "/api/v1/transactions?limit=2&fields=id,amount,localDate");

        JsonNode page = ApiClient.json(sparse);
        assertThat(page.get("items")).hasSize(2);
        for (JsonNode item : page.get("items")) {
            assertThat(names(item)).containsExactlyInAnyOrder("id", "amount", "localDate");
        }
        assertThat(page.get("items").get(0).get("localDate").asString()).isEqualTo("2024-05-03");
        assertThat(page.get("nextCursor").asString()).isEqualTo(ApiClient.json(full).get("nextCursor").asString());
        assertThat(sparse.getBytes().length * 3).isLessThan(full.getBytes().length);
    }

    @Test
    void anUnknownFieldIsAFieldErrorNamingTheAllowedOnes() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        mvc.perform(get("/api/v1/accounts?fields=id,password").header("Authorization", user.bearer()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("fields"))
                .andExpect(jsonPath("$.errors[0].message").value(
                        "unknown field 'password'; allowed: id, name, type, provider, currency, maskedNumber"));
    }

    @Test
    void aSingleRecordCanBeTrimmedToo() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        JsonNode me = ApiClient.json(body(user, "/api/v1/me?fields=baseCurrency,timeZone"));

        assertThat(names(me)).containsExactlyInAnyOrder("baseCurrency", "timeZone");
        assertThat(me.get("baseCurrency").asString()).isEqualTo("KES");
    }

    private String body(ApiClient.SignedIn user, String path) throws Exception {
        return mvc.perform(get(path).header("Authorization", user.bearer()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private void ledgerRow(ApiClient.SignedIn user, String sourceRef, String occurredAt, String amount) {
        Instant at = Instant.parse(occurredAt);
        jdbc.sql("""
                        INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date,
                            amount, currency, description, category, category_source, category_confidence,
                            base_currency, amount_in_base, fx_rate_status)
                        VALUES (?, ?, ?, ?, 'MPESA_STATEMENT', ?, ?, ?, 'KES', 'Merchant Payment to NAIVAS', 'food',
                            'BUILT_IN', 80, 'KES', ?, 'OFFICIAL')""")
                .params(TransactionIds.transactionId(user.walletId(), sourceRef), user.userId(), user.walletId(),
                        sourceRef, Timestamp.from(at), LocalDate.ofInstant(at, ZoneOffset.UTC), new BigDecimal(amount),
                        new BigDecimal(amount))
                .update();
    }
}
