package com.personifi.api.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
 *
 * <p>In front of it, each instance keeps the views it served last, under the version they were read with. While
 * {@link BelievedVersions} believes that version, a view is answered from here without asking Redis, and its JSON as
 * the REST API writes it is made once, not per request.
 */
@Component
class DashboardCache {

    private static final Logger log = LoggerFactory.getLogger(DashboardCache.class);
    private static final Duration TTL = Duration.ofMinutes(10);
    /** Hot users' views only: a few kilobytes each. */
    private static final int LOCAL_VIEWS = 5_000;
    /**
     * The user's data version (0 before any), and the entry cached under it or nil, with the milliseconds it has left.
     * The entry's key is made inside the script, so both keys must live on one node: a single Redis or a primary with
     * replicas, as the platform runs; a Redis Cluster would need the user's id as their hash tag.
     */
    private static final String READ = """
            local version = redis.call('GET', KEYS[1]) or '0'
            local entry = ARGV[1] .. version
            return {version, redis.call('GET', entry), redis.call('PTTL', entry)}""";

    /** A view of one user's data as of one data version. */
    static final class View<T> {

        private final long version;
        private final T value;
        /** Kept here no longer than in Redis: views that depend on the day (today's rates) are made again as often. */
        private final Duration life;
        private volatile RestBody rest;

        private View(long version, T value, Duration life) {
            this.version = version;
            this.value = value;
            this.life = life;
        }

        T value() {
            return value;
        }

        /** Made by the first REST request for this view; the same bytes and tag for every one after it. */
        RestBody rest(Function<T, RestBody> write) {
            RestBody body = rest;
            if (body == null) {
                body = write.apply(value);
                rest = body;
            }
            return body;
        }
    }

    /** The JSON answer and its entity tag. */
    record RestBody(byte[] json, String etag) {
    }

    private record Key(UUID userId, String view) {
    }

    private final RedissonClient redis;
    private final BelievedVersions versions;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Cache<Key, View<?>> local = Caffeine.newBuilder()
            .maximumSize(LOCAL_VIEWS)
            .expireAfter(new Expiry<Key, View<?>>() {
                @Override
                public long expireAfterCreate(Key key, View<?> view, long now) {
                    return view.life.toNanos();
                }

                @Override
                public long expireAfterUpdate(Key key, View<?> view, long now, long left) {
                    return view.life.toNanos();
                }

                @Override
                public long expireAfterRead(Key key, View<?> view, long now, long left) {
                    return left;
                }
            })
            .build();

    DashboardCache(RedissonClient redis, BelievedVersions versions) {
        this.redis = redis;
        this.versions = versions;
    }

    /** @param view what is cached, with its parameters: "2024-05", "cash-flow:2024-01:2024-06", … */
    <T> T get(UUID userId, String view, Class<T> type, Supplier<T> compute) {
        return view(userId, view, type, compute).value();
    }

    /** As {@link #get}, with what the REST API makes of the value kept beside it. */
    @SuppressWarnings("unchecked")
    <T> View<T> view(UUID userId, String view, Class<T> type, Supplier<T> compute) {
        Key key = new Key(userId, view);
        View<T> held = (View<T>) local.getIfPresent(key);
        Long believed = versions.version(userId);
        if (held != null && believed != null && held.version == believed) {
            return held;
        }
        long heard = versions.changesHeard();
        long version;
        try {
            List<Object> read = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_ONLY, READ,
                    RScript.ReturnType.LIST, List.of(RedisKeys.dataVersion(userId)),
                    RedisKeys.dashboardOfAnyVersion(userId, view));
            version = Long.parseLong((String) read.get(0));
            // no entry ends the list after the version (Lua stops a list at its first nil)
            long left = read.size() > 2 ? Long.parseLong(String.valueOf(read.get(2))) : 0;
            if (read.size() > 2 && read.get(1) instanceof String cached && left > 0) {
                View<T> found = held;
                if (held == null || held.version != version) {
                    found = new View<>(version, json.readValue(cached, type), Duration.ofMillis(left));
                    local.put(key, found);
                }
                versions.believe(userId, version, heard);
                return found;
            }
        } catch (RuntimeException e) {
            log.warn("Dashboard cache unavailable, computing: {}", e.getMessage());
            return new View<>(-1, compute.get(), Duration.ZERO);
        }
        View<T> fresh = new View<>(version, compute.get(), TTL);
        try {
            redis.getBucket(RedisKeys.dashboard(userId, version, view), StringCodec.INSTANCE)
                    .set(json.writeValueAsString(fresh.value()), TTL);
        } catch (RuntimeException e) {
            log.warn("Could not cache dashboard: {}", e.getMessage());
            return fresh;
        }
        local.put(key, fresh);
        versions.believe(userId, version, heard);
        return fresh;
    }
}
