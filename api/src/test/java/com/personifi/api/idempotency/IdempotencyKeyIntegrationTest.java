package com.personifi.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.personifi.api.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@SpringBootTest
@AutoConfigureMockMvc
class IdempotencyKeyIntegrationTest {

    private static final String SAVINGS = "{\"name\":\"Chama savings\",\"type\":\"SAVINGS\",\"currency\":\"KES\"}";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ExpiredKeysCleanup cleanup;

    @Test
    void aReplayGetsTheFirstAnswerAndCreatesNothingMore() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        MockHttpServletResponse first = createAccount(user, "open-chama-1", SAVINGS)
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andReturn().getResponse();
        MockHttpServletResponse again = createAccount(user, "open-chama-1", SAVINGS)
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse();

        assertThat(again.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(again.getContentType()).isEqualTo(first.getContentType());
        assertThat(accounts(user, "Chama savings")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndNothingIsCreated() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        createAccount(user, "open-chama-2", SAVINGS).andExpect(status().isCreated());

        createAccount(user, "open-chama-2", SAVINGS.replace("Chama savings", "Sacco shares"))
                .andExpect(status().is(422))
                .andExpect(header().string("Content-Type", startsWith("application/problem+json")))
                .andExpect(jsonPath("$.title").value("Idempotency-Key reused"));

        assertThat(accounts(user, "Sacco shares")).isZero();
    }

    @Test
    void aSecondRequestWhileTheFirstStillRunsIsToldToRetryAndDoesNotRun() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        createAccount(user, "open-chama-3", SAVINGS).andExpect(status().isCreated());
        // as the key looks while its first request has not answered yet
        jdbc.sql("""
                        UPDATE idempotency_keys SET response_status = NULL, content_type = NULL, body = NULL,
                            expires_at = now() + interval '5 minutes'
                        WHERE user_id = ? AND idempotency_key = 'open-chama-3'""")
                .param(user.userId()).update();

        createAccount(user, "open-chama-3", SAVINGS)
                .andExpect(status().isConflict())
                .andExpect(header().string("Retry-After", "1"));

        assertThat(accounts(user, "Chama savings")).isEqualTo(1);
    }

    @Test
    void aFailedRequestKeepsNothingSoItsCorrectionMayUseTheSameKey() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        createAccount(user, "open-chama-4", SAVINGS.replace("KES", "KSH")).andExpect(status().isBadRequest());
        createAccount(user, "open-chama-4", SAVINGS)
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));

        assertThat(accounts(user, "Chama savings")).isEqualTo(1);
    }

    @Test
    void aCreateWhoseAnswerCouldNotBeKeptIsUndoneSoItsRetryCreatesOnce() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        try (AnswersFail ignored = AnswersFail.install(jdbc)) {
            createAccount(user, "answer-lost-1", SAVINGS)
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.title").value("Not saved"));
            assertThat(accounts(user, "Chama savings")).isZero();
        }

        createAccount(user, "answer-lost-1", SAVINGS)
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
        createAccount(user, "answer-lost-1", SAVINGS)
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"));

        assertThat(accounts(user, "Chama savings")).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirUser() throws Exception {
        ApiClient.SignedIn amina = ApiClient.signUp(mvc, "KES");
        ApiClient.SignedIn baraka = ApiClient.signUp(mvc, "KES");

        String first = createAccount(amina, "shared-key", SAVINGS).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String second = createAccount(baraka, "shared-key", SAVINGS).andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andReturn().getResponse().getContentAsString();

        assertThat(ApiClient.json(second).get("id").asString()).isNotEqualTo(ApiClient.json(first).get("id").asString());
        assertThat(accounts(baraka, "Chama savings")).isEqualTo(1);
    }

    @Test
    void aReplayedManualTransactionAnswersLikeTheFirstWithItsLocation() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String entry = "{\"accountId\":\"" + user.walletId() + "\",\"amount\":\"-70.00\",\"description\":\"Bodaboda\"}";

        MockHttpServletResponse first = mvc.perform(post("/api/v1/transactions").header("Authorization", user.bearer())
                        .header("Idempotency-Key", "boda-1").contentType(MediaType.APPLICATION_JSON).content(entry))
                .andExpect(status().isAccepted()).andReturn().getResponse();
        MockHttpServletResponse again = mvc.perform(post("/api/v1/transactions").header("Authorization", user.bearer())
                        .header("Idempotency-Key", "boda-1").contentType(MediaType.APPLICATION_JSON).content(entry))
                .andExpect(status().isAccepted()).andReturn().getResponse();

        assertThat(again.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(again.getHeader("Location")).isEqualTo(first.getHeader("Location")).isNotNull();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE aggregateid = ?").param(user.walletId().toString())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSecretShownOnceIsNeitherKeptNorShownAgainByAReplay() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String registration = "{\"url\":\"https://203.0.113.20/hooks\"}";

        MockHttpServletResponse first = mvc.perform(post("/api/v1/webhooks").header("Authorization", user.bearer())
                        .header("Idempotency-Key", "hook-1").contentType(MediaType.APPLICATION_JSON)
                        .content(registration))
                .andExpect(status().isCreated()).andReturn().getResponse();
        String secret = ApiClient.json(first.getContentAsString()).get("secret").asString();
        MockHttpServletResponse again = mvc.perform(post("/api/v1/webhooks").header("Authorization", user.bearer())
                        .header("Idempotency-Key", "hook-1").contentType(MediaType.APPLICATION_JSON)
                        .content(registration))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse();

        assertThat(again.getHeader("Location")).isEqualTo(first.getHeader("Location")).isNotNull();
        assertThat(again.getContentAsString()).doesNotContain(secret).isEmpty();
        assertThat(jdbc.sql("SELECT body IS NULL FROM idempotency_keys WHERE user_id = ? AND idempotency_key = 'hook-1'")
                .param(user.userId()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void requestsRacingUnderOneKeyRunOnceAndEveryOtherAnswerIsTheFirstOrAConflict() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return createAccount(user, "open-chama-race", SAVINGS).andReturn().getResponse();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            Set<String> accountIds = new HashSet<>();
            for (Future<MockHttpServletResponse> answer : answers) {
                MockHttpServletResponse response = answer.get(30, TimeUnit.SECONDS);
                statuses.add(response.getStatus());
                if (response.getStatus() == 201) {
                    accountIds.add(ApiClient.json(response.getContentAsString()).get("id").asString());
                }
            }

            assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(201, 409)).contains(201);
            assertThat(accountIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(accounts(user, "Chama savings")).isEqualTo(1);
    }

    @Test
    void anExpiredKeyServesANewRequestAndTheCleanupRemovesOldAnswers() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        createAccount(user, "open-chama-5", SAVINGS).andExpect(status().isCreated());
        createAccount(user, "old-key", SAVINGS.replace("Chama savings", "Old savings")).andExpect(status().isCreated());
        jdbc.sql("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = ?")
                .param(user.userId()).update();

        createAccount(user, "open-chama-5", SAVINGS.replace("Chama savings", "Merry-go-round"))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
        cleanup.removeExpired();

        assertThat(jdbc.sql("SELECT idempotency_key FROM idempotency_keys WHERE user_id = ?").param(user.userId())
                .query(String.class).list()).containsExactly("open-chama-5");
        assertThat(accounts(user, "Merry-go-round")).isEqualTo(1);
    }

    @Test
    void anOverlongKeyIsRefusedBeforeAnythingRuns() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        createAccount(user, "k".repeat(201), SAVINGS)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid Idempotency-Key"));

        assertThat(accounts(user, "Chama savings")).isZero();
    }

    private ResultActions createAccount(ApiClient.SignedIn user, String key, String json) throws Exception {
        return mvc.perform(post("/api/v1/accounts").header("Authorization", user.bearer())
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private long accounts(ApiClient.SignedIn user, String name) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE user_id = ? AND name = ?").params(user.userId(), name)
                .query(Long.class).single();
    }
}
