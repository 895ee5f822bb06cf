package com.personifi.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.personifi.testing.TestStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** Two API instances sharing the test Redis: how soon each refuses a token logged out through the other, or itself. */
class RevokedTokensIntegrationTest {

    private static final Duration SEEN_WITHIN = Duration.ofSeconds(2);

    RedissonClient redis;
    RevokedTokens here;
    RevokedTokens elsewhere;

    @BeforeEach
    void givenTwoInstances() {
        Config config = new Config();
        config.useSingleServer().setAddress(TestStack.get().redisUrl());
        redis = Redisson.create(config);
        AuthSettings settings = new AuthSettings(null, null, null, null, false, "personifi", Duration.ofMinutes(15),
                null, Duration.ofDays(7), true, 30, 10, 1000, Duration.ofSeconds(10), SEEN_WITHIN);
        here = new RevokedTokens(redis, settings);
        elsewhere = new RevokedTokens(redis, settings);
    }

    @AfterEach
    void shutDown() {
        redis.shutdown();
    }

    @Test
    void aLogoutElsewhereIsRefusedHereWithinTheWindowAndALogoutHereAtOnce() {
        String token = UUID.randomUUID().toString();
        assertThat(here.isRevoked(token)).isFalse();

        elsewhere.revoke(token, Instant.now().plusSeconds(600));

        assertThat(elsewhere.isRevoked(token)).isTrue();
        assertThat(here.isRevoked(token)).as("the answer here is still believed").isFalse();
        await().atMost(SEEN_WITHIN.plusSeconds(2)).until(() -> here.isRevoked(token));

        String mine = UUID.randomUUID().toString();
        assertThat(here.isRevoked(mine)).isFalse();
        here.revoke(mine, Instant.now().plusSeconds(600));
        assertThat(here.isRevoked(mine)).as("logged out through this instance").isTrue();
    }
}
