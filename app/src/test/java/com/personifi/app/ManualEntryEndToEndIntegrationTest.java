package com.personifi.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A transaction typed into the app takes the single write path: API → outbox → CDC → ingest.transactions.raw →
 * stream (categorized, converted) → ledger.transactions.enriched → sink → PostgreSQL, and shows in the list and the
 * dashboard like any other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ManualEntryEndToEndIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aTypedInTransactionReachesTheLedgerAndTheDashboardThroughTheStream() throws Exception {
        Http http = new Http(port);
        String token = http.signUp("KES");
        String wallet = http.get("/api/v1/accounts", token).body().get(0).get("id").asString();

        Http.Response accepted = http.postJson("/api/v1/transactions", token, "{\"accountId\":\"" + wallet
                + "\",\"amount\":\"-250.00\",\"occurredAt\":\"2024-07-15T09:30:00Z\","
                + "\"description\":\"Airtime Purchase\",\"counterparty\":\"Safaricom\"}");
        assertThat(accepted.status()).isEqualTo(202);
        UUID id = UUID.fromString(accepted.body().get("id").asString());

        JsonNode[] booked = new JsonNode[1];
        await(() -> {
            Http.Response found = http.get("/api/v1/transactions/" + id, token);
            booked[0] = found.body();
            return found.status() == 200;
        });
        assertThat(booked[0].get("source").asString()).isEqualTo("MANUAL");
        assertThat(booked[0].get("category").asString()).isEqualTo("airtime-data");
        assertThat(booked[0].get("categorySource").asString()).isEqualTo("BUILT_IN");
        assertThat(decimal(booked[0].get("amountInBase"))).isEqualByComparingTo("-250.00");
        assertThat(booked[0].get("localDate").asString()).isEqualTo("2024-07-15");

        JsonNode dashboard = http.get("/api/v1/dashboard?month=2024-07", token).body();
        assertThat(dashboard.get("transactionCount").asInt()).isEqualTo(1);
        assertThat(decimal(dashboard.get("spending"))).isEqualByComparingTo("250.00");
    }

    /** A JSON number or decimal string, exactly. */
    private static BigDecimal decimal(JsonNode node) {
        return new BigDecimal(node.isString() ? node.asString() : node.toString());
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("the manual entry reached the ledger within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
