package com.personifi.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A user's rule changed in PostgreSQL reaches the stream through CDC: transactions that come in through the outbox
 * (the single write path of manual entries) are categorized by the new rule within 2 seconds of the change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RuleChangeEndToEndIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(RuleChangeEndToEndIntegrationTest.class);
    private static final Duration WITHIN = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private record Probe(String sourceRef, long sentAtNanos) {
    }

    @Test
    void changingARuleRowChangesTheCategoryOfTheNextTransactionsWithinTwoSeconds() throws Exception {
        Http http = new Http(port);
        String token = http.signUp("KES");
        UUID wallet = UUID.fromString(http.get("/api/v1/accounts", token).body().get(0).get("id").asString());
        UUID user = jdbc.sql("SELECT user_id FROM accounts WHERE id = ?").param(wallet).query(UUID.class).single();
        UUID rule = UUID.randomUUID();
        jdbc.sql("INSERT INTO category_rules (id, user_id, priority, conditions, actions) "
                        + "VALUES (?, ?, 1, '{\"description_contains\":\"zawadi bakery\"}', '{\"category\":\"food\"}')")
                .params(rule, user).update();
        String first = send(user, wallet, "rule-probe-0");
        await(() -> category(wallet, first).filter("food"::equals).isPresent(), Duration.ofSeconds(60));

        jdbc.sql("UPDATE category_rules SET actions = '{\"category\":\"entertainment\"}', updated_at = now() "
                + "WHERE id = ?").param(rule).update();
        long changedAt = System.nanoTime();
        List<Probe> probes = new ArrayList<>();
        // one probe every 100 ms until a probe sent after the deadline has been categorized
        while (System.nanoTime() - changedAt < WITHIN.toNanos() + Duration.ofMillis(500).toNanos()) {
            probes.add(new Probe(send(user, wallet, "rule-probe-" + (probes.size() + 1)), System.nanoTime()));
            Thread.sleep(100);
        }
        Probe last = probes.get(probes.size() - 1);
        await(() -> category(wallet, last.sourceRef()).isPresent(), Duration.ofSeconds(60));

        for (Probe probe : probes) {
            if (probe.sentAtNanos() - changedAt >= WITHIN.toNanos()) {
                await(() -> category(wallet, probe.sourceRef()).isPresent(), Duration.ofSeconds(30));
                assertThat(category(wallet, probe.sourceRef())).as("category of a transaction sent %d ms after "
                                + "the rule changed", Duration.ofNanos(probe.sentAtNanos() - changedAt).toMillis())
                        .contains("entertainment");
            }
        }
        probes.stream().filter(p -> category(wallet, p.sourceRef()).filter("entertainment"::equals).isPresent())
                .findFirst().ifPresent(p -> log.info("First transaction under the changed rule was sent {} ms after "
                        + "the change", Duration.ofNanos(p.sentAtNanos() - changedAt).toMillis()));
    }

    private String send(UUID user, UUID account, String sourceRef) {
        jdbc.sql("INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) "
                        + "VALUES (?, 'transaction', ?, 'RawTransaction', ?::jsonb)")
                .params(UUID.randomUUID(), account.toString(), """
                        {"userId":"%s","accountId":"%s","sourceRef":"%s","source":"MANUAL",
                         "occurredAt":"2024-07-01T07:00:00Z","localDate":"2024-07-01","amount":"-120.00",
                         "currency":"KES","description":"Zawadi Bakery Kilimani"}""".formatted(user, account, sourceRef))
                .update();
        return sourceRef;
    }

    private Optional<String> category(UUID account, String sourceRef) {
        return jdbc.sql("SELECT category FROM transactions WHERE account_id = ? AND source_ref = ?")
                .params(account, sourceRef).query(String.class).optional();
    }

    private static void await(Callable<Boolean> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("condition met within " + timeout).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
