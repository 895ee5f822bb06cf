package com.personifi.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class RedisHealthUnitTest {

    @Test
    void redisThatDoesNotAnswerIsReportedDegradedWithinASecondOrSo() throws Exception {
        RedissonClient unreachable = clientOfAClosedPort();
        try {
            long started = System.nanoTime();
            Health health = new RedisHealth(unreachable).health();

            assertThat(health.getStatus()).isEqualTo(RedisHealth.DEGRADED);
            assertThat(health.getDetails()).containsKey("reason");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        } finally {
            unreachable.shutdown();
        }
    }

    @Test
    void aDegradedRedisLeavesTheApiUp() {
        Status overall = new SimpleStatusAggregator().getAggregateStatus(Set.of(Status.UP, RedisHealth.DEGRADED));

        assertThat(overall).isEqualTo(Status.UP);
    }

    /** Nothing listens on a port just released; lazily initialised, so the client is made without connecting. */
    private static RedissonClient clientOfAClosedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Config config = new Config().setLazyInitialization(true);
        config.useSingleServer().setAddress("redis://127.0.0.1:" + port).setConnectTimeout(200).setTimeout(200)
                .setRetryAttempts(0);
        return Redisson.create(config);
    }
}
