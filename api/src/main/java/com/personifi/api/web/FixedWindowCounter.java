package com.personifi.api.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.personifi.schemas.RedisKeys;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts requests in fixed one-minute windows, in Redis so every API instance shares the count. While Redis is down
 * each instance counts on its own, and after a failure it does not ask Redis again for {@link #REDIS_PAUSE}, so an
 * outage costs each request no Redis timeout.
 */
public final class FixedWindowCounter {

    private static final Logger log = LoggerFactory.getLogger(FixedWindowCounter.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration REDIS_PAUSE = Duration.ofSeconds(10);

    private final RedissonClient redis;
    private final Clock clock;
    private final Map<String, AtomicLong> countedHere = new ConcurrentHashMap<>();
    private volatile long redisPausedUntil;

    public FixedWindowCounter(RedissonClient redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * Counts one more request of {@code client} under {@code scope}.
     *
     * @return 0 while within {@code limit}, else the seconds until the window ends (at least 1), for Retry-After
     */
    public long retryAfterIfOver(String scope, String client, int limit) {
        long now = clock.millis();
        long window = now / WINDOW.toMillis();
        String key = RedisKeys.rateLimit(scope, client) + ":" + window;
        long count = now < redisPausedUntil ? countHere(key, window) : countInRedis(key, window, now);
        if (count <= limit) {
            return 0;
        }
        long windowEnd = (window + 1) * WINDOW.toMillis();
        return Math.max(1, (windowEnd - now + 999) / 1000);
    }

    private long countInRedis(String key, long window, long now) {
        try {
            RAtomicLong counter = redis.getAtomicLong(key);
            long count = counter.incrementAndGet();
            if (count == 1) {
                counter.expire(WINDOW.multipliedBy(2));
            }
            return count;
        } catch (RuntimeException e) {
            redisPausedUntil = now + REDIS_PAUSE.toMillis();
            log.warn("Rate limits counted on this instance only for {} s, Redis unavailable: {}",
                    REDIS_PAUSE.toSeconds(), e.getMessage());
            return countHere(key, window);
        }
    }

    private long countHere(String key, long window) {
        // keys of past windows are dropped as new ones come
        countedHere.keySet().removeIf(k -> !k.endsWith(":" + window));
        return countedHere.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }
}
