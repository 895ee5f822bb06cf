package com.personifi.api.health;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.redisson.api.RedissonClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code redis} health component, in place of Spring Boot's own (whose DOWN would take the whole API DOWN and
 * out of its load balancer). Without Redis the API still serves every request — dashboards are computed instead of
 * cached, sign-in limits and persisted queries are kept per instance — so Redis being away is reported as
 * {@code DEGRADED}: visible to monitoring, while the overall status stays UP. The aggregate ignores statuses it does
 * not rank, and DEGRADED is not among them.
 */
@Component("redisHealthIndicator")
class RedisHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED",
            "Redis unavailable: dashboards uncached; rate limits, logouts and persisted queries kept per instance");

    /** A health check must answer quickly even when Redis does not; Redisson alone would retry for seconds. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final String PROBE_KEY = "personifi:health:probe";

    private final RedissonClient redis;

    RedisHealth(RedissonClient redis) {
        this.redis = redis;
    }

    @Override
    public Health health() {
        try {
            redis.getBucket(PROBE_KEY).isExistsAsync().toCompletableFuture()
                    .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return degraded("interrupted");
        } catch (TimeoutException e) {
            return degraded("no answer within " + PROBE_TIMEOUT.toMillis() + " ms");
        } catch (ExecutionException e) {
            return degraded(e.getCause().getClass().getSimpleName());
        } catch (RuntimeException e) {
            return degraded(e.getClass().getSimpleName());
        }
    }

    /** The error's type only: its message may carry the server's address. */
    private static Health degraded(String reason) {
        return Health.status(DEGRADED).withDetail("reason", reason).build();
    }
}
