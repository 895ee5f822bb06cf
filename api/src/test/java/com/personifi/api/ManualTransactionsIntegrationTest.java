package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

@SpringBootTest
@AutoConfigureMockMvc
class ManualTransactionsIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTypedInTransactionGoesToTheOutboxForTheStreamNotStraightIntoTheLedger() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        String body = create(user, null, "{\"accountId\":\"" + user.walletId() + "\",\"amount\":\"-150.50\","
                + "\"occurredAt\":\"2024-05-31T22:30:00Z\",\"description\":\" Lunch at Mama Oliech \","
                + "\"counterparty\":\"Mama Oliech\"}")
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/transactions/")))
                .andExpect(jsonPath("$.amount").value("-150.50"))
                .andExpect(jsonPath("$.currency").value("KES"))
                // 01:30 on 1 June in Nairobi
                .andExpect(jsonPath("$.localDate").value("2024-06-01"))
                .andReturn().getResponse().getContentAsString();
        UUID id = UUID.fromString(ApiClient.json(body).get("id").asString());

        List<String> payloads = outbox(user.walletId());
        assertThat(payloads).hasSize(1);
        JsonNode payload = ApiClient.json(payloads.get(0));
        assertThat(TransactionIds.transactionId(user.walletId(), payload.get("sourceRef").asString())).isEqualTo(id);
        assertThat(payload.get("userId").asString()).isEqualTo(user.userId().toString());
        assertThat(payload.get("amount").asString()).isEqualTo("-150.5000");
        assertThat(payload.get("currency").asString()).isEqualTo("KES");
        assertThat(payload.get("source").asString()).isEqualTo("MANUAL");
        assertThat(payload.get("description").asString()).isEqualTo("Lunch at Mama Oliech");
        assertThat(payload.get("localDate").asString()).isEqualTo("2024-06-01");
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = ?").param(user.walletId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameTransaction() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String entry = "{\"accountId\":\"" + user.walletId() + "\",\"amount\":-20,\"description\":\"Matatu fare\"}";

        String first = create(user, "fare-2024-06-01", entry).andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();
        String again = create(user, "fare-2024-06-01", entry).andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();
        String other = create(user, "fare-2024-06-02", entry).andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();

        assertThat(ApiClient.json(again).get("id").asString()).isEqualTo(ApiClient.json(first).get("id").asString());
        // the same key with other figures is refused, never taken for the first entry
        create(user, "fare-2024-06-01", entry.replace("-20", "-200")).andExpect(status().isUnprocessableContent());
        assertThat(ApiClient.json(other).get("id").asString()).isNotEqualTo(ApiClient.json(first).get("id").asString());
        // the outbox may carry the repeat; the stream's dedupe by id makes it one transaction
        assertThat(outbox(user.walletId()).stream().map(p -> ApiClient.json(p).get("sourceRef").asString())
                .distinct()).hasSize(2);
    }

    @Test
    void anotherUsersAccountIsNotFoundAndNothingIsWritten() throws Exception {
        ApiClient.SignedIn owner = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn stranger = ApiClient.signUp(mvc, "KES");

        create(stranger, null, "{\"accountId\":\"" + owner.walletId() + "\",\"amount\":\"-1.00\","
                + "\"description\":\"Not mine\"}").andExpect(status().isNotFound());
        assertThat(outbox(owner.walletId())).isEmpty();
    }

    @Test
    void amountsFinerThanTheCurrencyOrZeroAreRefusedWithAReason() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        create(user, null, "{\"accountId\":\"" + user.walletId() + "\",\"amount\":\"-1.005\",\"description\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("amount has more decimals than KES allows (2)"));
        create(user, null, "{\"accountId\":\"" + user.walletId() + "\",\"amount\":0,\"description\":\"x\"}")
                .andExpect(status().isBadRequest());
        create(user, null, "{\"accountId\":\"" + user.walletId() + "\",\"amount\":\"-5\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("description"));
        // far enough back no calendar holds it; a refusal, not a fault of ours
        create(user, null, "{\"accountId\":\"" + user.walletId() + "\",\"amount\":\"-5\",\"description\":\"x\","
                + "\"occurredAt\":\"-1000000000-01-01T00:00:00Z\"}")
                .andExpect(status().isBadRequest());
        create(user, null, "{\"accountId\":\"" + user.walletId() + "\",\"amount\":\"-5\",\"description\":\"x\","
                + "\"occurredAt\":\"1899-12-31T23:59:59Z\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("occurredAt must be in 1900 or later"));
        assertThat(outbox(user.walletId())).isEmpty();
    }

    private ResultActions create(ApiClient.SignedIn user, String idempotencyKey, String json) throws Exception {
        var request = post("/api/v1/transactions").header("Authorization", user.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(json);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request);
    }

    private List<String> outbox(UUID account) {
        return jdbc.sql("SELECT payload::text FROM outbox WHERE aggregatetype = 'transaction' AND aggregateid = ? "
                + "ORDER BY created_at").param(account.toString()).query(String.class).list();
    }
}
