package com.personifi.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.personifi.schemas.RedisKeys;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Against the embedded Redis, with entries written as another instance would have written them. */
@SpringBootTest
class DashboardCacheIntegrationTest {

    @Autowired
    DashboardCache cache;

    @Autowired
    UserDataVersions versions;

    @Autowired
    RedissonClient redis;

    @Test
    void anEntryAnotherInstanceCachedIsReadOnceThenHeldUntilTheVersionMoves() {
        UUID user = UUID.randomUUID();
        redis.getAtomicLong(RedisKeys.dataVersion(user)).set(4);
        redis.getBucket(RedisKeys.dashboard(user, 4, "2024-05"), StringCodec.INSTANCE)
                .set("{\"spending\":\"2613.00\"}", Duration.ofMinutes(1));

        assertThat(cache.get(user, "2024-05", Map.class, () -> fail("computed though cached")))
                .isEqualTo(Map.of("spending", "2613.00"));
        // gone from Redis, still held here under the version believed
        redis.getBucket(RedisKeys.dashboard(user, 4, "2024-05")).delete();
        assertThat(cache.get(user, "2024-05", Map.class, () -> fail("computed though held")))
                .isEqualTo(Map.of("spending", "2613.00"));

        versions.changedAfterCommit(user);

        AtomicInteger computed = new AtomicInteger();
        assertThat(cache.get(user, "2024-05", Map.class, () -> {
            computed.incrementAndGet();
            return Map.of("spending", "2620.00");
        })).isEqualTo(Map.of("spending", "2620.00"));
        assertThat(computed).hasValue(1);
        assertThat(redis.getBucket(RedisKeys.dashboard(user, 5, "2024-05"), StringCodec.INSTANCE).get())
                .isEqualTo("{\"spending\":\"2620.00\"}");
    }

    @Test
    void theRestBodyIsMadeOncePerViewHeld() {
        UUID user = UUID.randomUUID();
        DashboardCache.View<Map> first = cache.view(user, "2024-06", Map.class, () -> Map.of("net", "1.00"));
        AtomicInteger written = new AtomicInteger();
        DashboardCache.RestBody body = first.rest(value -> {
            written.incrementAndGet();
            return new DashboardCache.RestBody(new byte[] {1}, "W/\"01\"");
        });

        DashboardCache.View<Map> again = cache.view(user, "2024-06", Map.class, () -> fail("computed though held"));
        assertThat(again.rest(value -> fail("written again"))).isSameAs(body);
        assertThat(written).hasValue(1);
    }
}
