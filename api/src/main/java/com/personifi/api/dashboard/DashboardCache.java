package com.personifi.api.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.personifi.schemas.RedisKeys;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Per-user dashboard cache in Redis. Keys carry the user's data version, which the sink bumps whenever it writes
 * that user's transactions, so a stale entry is never read; old entries just expire. The version and the entry are
 * read in one round trip, by a script. Without Redis, it computes.
 */
@Component
class DashboardCache {

    private static final Logger log = LoggerFactory.getLogger(DashboardCache.class);
    private static final Duration TTL = Duration.ofMinutes(10);
    /**
     * The user's data version (0 before any), and the entry cached under it or nil. The entry's key is made inside
     * the script, so both keys must live on one node: a single Redis or a primary with replicas, as the platform
     * runs; a Redis Cluster would need the user's id as their hash tag.
     */
    private static final String READ = """
            local version = redis.call('GET', KEYS[1]) or '0'
            return {version, redis.call('GET', ARGV[1] .. version)}""";

    private final RedissonClient redis;
    private final JsonMapper json = JsonMapper.builder().build();

    DashboardCache(RedissonClient redis) {
        this.redis = redis;
    }

    /** @param view what is cached, with its parameters: "2024-05", "cash-flow:2024-01:2024-06", … */
    <T> T get(UUID userId, String view, Class<T> type, Supplier<T> compute) {
        long version;
        try {
            List<Object> read = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_ONLY, READ,
                    RScript.ReturnType.LIST, List.of(RedisKeys.dataVersion(userId)),
                    RedisKeys.dashboardOfAnyVersion(userId, view));
            version = Long.parseLong((String) read.get(0));
            if (read.size() > 1 && read.get(1) instanceof String cached) {
                return json.readValue(cached, type);
            }
        } catch (RuntimeException e) {
            log.warn("Dashboard cache unavailable, computing: {}", e.getMessage());
            return compute.get();
        }
        T fresh = compute.get();
        try {
            redis.getBucket(RedisKeys.dashboard(userId, version, view), StringCodec.INSTANCE)
                    .set(json.writeValueAsString(fresh), TTL);
        } catch (RuntimeException e) {
            log.warn("Could not cache dashboard: {}", e.getMessage());
        }
        return fresh;
    }
}
