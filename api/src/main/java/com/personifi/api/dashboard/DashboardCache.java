package com.personifi.api.dashboard;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import com.personifi.schemas.RedisKeys;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Per-user dashboard cache in Redis. Keys carry the user's data version, which the sink bumps whenever it writes
 * that user's transactions, so a stale entry is never read; old entries just expire. Without Redis, it computes.
 */
@Component
class DashboardCache {

    private static final Logger log = LoggerFactory.getLogger(DashboardCache.class);
    private static final Duration TTL = Duration.ofMinutes(10);

    private final RedissonClient redis;
    private final JsonMapper json = JsonMapper.builder().build();

    DashboardCache(RedissonClient redis) {
        this.redis = redis;
    }

    /** @param view what is cached, with its parameters: "2024-05", "cash-flow:2024-01:2024-06", … */
    <T> T get(UUID userId, String view, Class<T> type, Supplier<T> compute) {
        RBucket<String> bucket;
        try {
            long version = redis.getAtomicLong(RedisKeys.dataVersion(userId)).get();
            bucket = redis.getBucket(RedisKeys.dashboard(userId, version, view), StringCodec.INSTANCE);
            String cached = bucket.get();
            if (cached != null) {
                return json.readValue(cached, type);
            }
        } catch (RuntimeException e) {
            log.warn("Dashboard cache unavailable, computing: {}", e.getMessage());
            return compute.get();
        }
        T fresh = compute.get();
        try {
            bucket.set(json.writeValueAsString(fresh), TTL);
        } catch (RuntimeException e) {
            log.warn("Could not cache dashboard: {}", e.getMessage());
        }
        return fresh;
    }
}
