package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** The ledger rows are inserted as the sink writes them; the API only reads them and makes people's changes. */
@SpringBootTest
@AutoConfigureMockMvc
class TransactionsIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pagesWalkEveryTransactionOnceNewestFirstAndNeverShowAnotherUsers() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn other = ApiClient.signUp(mvc, "KES");
        List<UUID> expected = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            expected.add(0, ledgerRow(user, "SHK" + day, "2024-05-0" + day + "T08:00:00Z", "-100.00", "food",
                    "Merchant Payment to NAIVAS", "NAIVAS"));
        }
        // two at the same instant: the id breaks the tie, so neither is skipped or repeated across pages
        UUID sameTimeA = ledgerRow(user, "SHK8A", "2024-05-08T08:00:00Z", "-5.00", "airtime-data", "Airtime", null);
        UUID sameTimeB = ledgerRow(user, "SHK8B", "2024-05-08T08:00:00Z", "-6.00", "airtime-data", "Airtime", null);
        ledgerRow(other, "SHK9", "2024-05-09T08:00:00Z", "-1.00", "food", "Not yours", null);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = getJson(user, "/api/v1/transactions?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(t -> seen.add(t.get("id").asString()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(9).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 2)).containsExactlyInAnyOrder(sameTimeA.toString(), sameTimeB.toString());
        assertThat(seen.subList(2, 9)).containsExactlyElementsOf(expected.stream().map(UUID::toString).toList());
    }

    @Test
    void filtersNarrowTheList() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        ledgerRow(user, "F1", "2024-05-02T08:00:00Z", "-1500.00", "food", "Merchant Payment to NAIVAS WESTLANDS", "NAIVAS");
        ledgerRow(user, "F2", "2024-05-10T08:00:00Z", "-300.00", "electricity", "Pay Bill to 888880 KPLC", "KPLC");
        UUID salary = ledgerRow(user, "F3", "2024-05-28T08:00:00Z", "85000.00", "salary", "Salary May", "ACME LTD");
        jdbc.sql("UPDATE transactions SET tags = '{payday}' WHERE id = ?").param(salary).update();

        assertThat(ids(user, "category=electricity")).hasSize(1);
        assertThat(ids(user, "q=naivas")).hasSize(1);
        assertThat(ids(user, "q=kplc OR naivas")).hasSize(2);
        assertThat(ids(user, "from=2024-05-05&to=2024-05-31")).hasSize(2);
        assertThat(ids(user, "minAmount=0")).containsExactly(salary.toString());
        assertThat(ids(user, "maxAmount=-1000")).hasSize(1);
        assertThat(ids(user, "tag=payday")).containsExactly(salary.toString());
        assertThat(ids(user, "accountId=" + UUID.randomUUID())).isEmpty();
        assertThat(ids(user, "currency=kes")).hasSize(3);
        JsonNode salaryRow = getJson(user, "/api/v1/transactions/" + salary);
        // exact decimal strings at the currency's minor unit, not the storage scale and never a float
        assertThat(salaryRow.get("amount").asString()).isEqualTo("85000.00");
        assertThat(salaryRow.get("amountInBase").asString()).isEqualTo("85000.00");
        mvc.perform(get("/api/v1/transactions?cursor=not-a-cursor").header("Authorization", user.bearer()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/transactions?limit=1000").header("Authorization", user.bearer()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void anotherUsersTransactionIsNotFoundForEveryVerb() throws Exception {
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn stranger = ApiClient.signUp(mvc, "KES");
        UUID id = ledgerRow(owner, "X1", "2024-05-02T08:00:00Z", "-10.00", "food", "Lunch", null);
        String path = "/api/v1/transactions/" + id;

        mvc.perform(get(path).header("Authorization", stranger.bearer())).andExpect(status().isNotFound());
        mvc.perform(patch(path).header("Authorization", stranger.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"notes\":\"mine now\"}")).andExpect(status().isNotFound());
        mvc.perform(delete(path).header("Authorization", stranger.bearer())).andExpect(status().isNotFound());
        mvc.perform(post(path + "/restore").header("Authorization", stranger.bearer()))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT notes IS NULL AND deleted_at IS NULL FROM transactions WHERE id = ?").param(id)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void aNewCategoryIsKeptAsTheUsersAndTaughtToTheCategorizerWithAnAuditEntry() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        UUID first = ledgerRow(user, "C1", "2024-05-02T08:00:00Z", "-250.00", "uncategorized",
                "Customer Transfer to 0712 MAMA OLIECH", "MAMA OLIECH");
        UUID second = ledgerRow(user, "C2", "2024-05-09T08:00:00Z", "-300.00", "uncategorized",
                "Customer Transfer to 0712 MAMA OLIECH", "MAMA OLIECH");

        mvc.perform(patch("/api/v1/transactions/" + first).header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"category\":\"eating-out\",\"tags\":[\"lunch\",\" work \",\"lunch\"],"
                                + "\"notes\":\"fish\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.category").value("eating-out"))
                .andExpect(jsonPath("$.categorySource").value("MANUAL"))
                .andExpect(jsonPath("$.tags[0]").value("lunch"))
                .andExpect(jsonPath("$.tags[1]").value("work"))
                .andExpect(jsonPath("$.notes").value("fish"));
        mvc.perform(patch("/api/v1/transactions/" + second).header("Authorization", user.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"category\":\"eating-out\"}"))
                .andExpect(status().isOk());

        Map<String, Object> lesson = jdbc.sql("SELECT correction_key, category, corrections FROM category_corrections "
                + "WHERE user_id = ?").param(user.userId()).query().singleRow();
        assertThat(lesson).containsEntry("correction_key", "counterparty:mama oliech")
                .containsEntry("category", "eating-out").containsEntry("corrections", 2);
        Map<String, Object> audit = jdbc.sql("SELECT actor_id, action, before->>'category' AS before_category, "
                + "after->>'category' AS after_category, after->>'amount' AS amount FROM audit_log "
                + "WHERE entity_type = 'transaction' AND entity_id = ?").param(first.toString()).query().singleRow();
        assertThat(audit).containsEntry("actor_id", user.userId()).containsEntry("action", "update")
                .containsEntry("before_category", "uncategorized").containsEntry("after_category", "eating-out");
        assertThat(new BigDecimal((String) audit.get("amount"))).isEqualByComparingTo("-250.00");

        mvc.perform(patch("/api/v1/transactions/" + first).header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"category\":\"no-such-category\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aDeletedTransactionLeavesTheListAndComesBackWhenRestored() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        UUID id = ledgerRow(user, "D1", "2024-05-02T08:00:00Z", "-10.00", "food", "Lunch", null);
        assertThat(getJson(user, "/api/v1/dashboard?month=2024-05").get("spending").asString()).isEqualTo("10.00");

        mvc.perform(delete("/api/v1/transactions/" + id).header("Authorization", user.bearer()))
                .andExpect(status().isNoContent());
        // the cached dashboard does not outlive the change
        assertThat(getJson(user, "/api/v1/dashboard?month=2024-05").get("spending").asString()).isEqualTo("0.00");
        assertThat(ids(user, "")).isEmpty();
        assertThat(ids(user, "deleted=true")).containsExactly(id.toString());

        mvc.perform(post("/api/v1/transactions/" + id + "/restore").header("Authorization", user.bearer()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.deletedAt").doesNotExist());
        assertThat(ids(user, "")).containsExactly(id.toString());
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY at, action")
                .param(id.toString()).query(String.class).list()).containsExactlyInAnyOrder("delete", "restore");
    }

    private List<String> ids(ApiClient.SignedIn user, String query) throws Exception {
        List<String> ids = new ArrayList<>();
        getJson(user, "/api/v1/transactions?" + query).get("items").forEach(t -> ids.add(t.get("id").asString()));
        return ids;
    }

    private JsonNode getJson(ApiClient.SignedIn user, String path) throws Exception {
        return ApiClient.json(mvc.perform(get(path).header("Authorization", user.bearer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private UUID ledgerRow(ApiClient.SignedIn user, String sourceRef, String occurredAt, String amount,
                           String category, String description, String counterparty) {
        UUID id = TransactionIds.transactionId(user.walletId(), sourceRef);
        Instant at = Instant.parse(occurredAt);
        jdbc.sql("""
                        INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date,
                            amount, currency, description, counterparty, category, category_source,
                            category_confidence, base_currency, amount_in_base, fx_rate_status)
                        VALUES (?, ?, ?, ?, 'MPESA_STATEMENT', ?, ?, ?, 'KES', ?, ?, ?, 'BUILT_IN', 80, 'KES', ?,
                            'OFFICIAL')""")
                .params(id, user.userId(), user.walletId(), sourceRef, Timestamp.from(at),
                        LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), new BigDecimal(amount), description,
                        counterparty, category, new BigDecimal(amount))
                .update();
        return id;
    }
}
