package com.personifi.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.personifi.api.auth.CurrentUser;
import com.personifi.testing.TestStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The per-user limit on the shared test Redis, and on a Redis that is not there. */
class RequestsPerUserIntegrationTest {

    private static final ApiSettings THREE_A_MINUTE = new ApiSettings(3);

    @AfterEach
    void forgetTheUser() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aUserPastTheLimitGets429WithRetryAfterWhileAnotherUserGoesOn() throws Exception {
        RedissonClient redis = client(TestStack.get().redisUrl());
        try (SharedWindowCounter counts = counter(redis)) {
            RequestsPerUser limit = new RequestsPerUser(counts, THREE_A_MINUTE);
            UUID busy = UUID.randomUUID();

            List<Integer> statuses = List.of(request(limit, busy), request(limit, busy), request(limit, busy));
            MockHttpServletResponse fourth = response(limit, busy);

            assertThat(statuses).containsOnly(200);
            assertThat(fourth.getStatus()).isEqualTo(429);
            assertThat(Integer.parseInt(fourth.getHeader("Retry-After"))).isBetween(1, 60);
            assertThat(fourth.getContentType()).startsWith("application/problem+json");
            assertThat(fourth.getContentAsString()).contains("More than 3 requests this minute");
            assertThat(request(limit, UUID.randomUUID())).isEqualTo(200);
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void twoInstancesLearnEachOthersCountsFromRedisEachTimeTheyShareTheirOwn() throws Exception {
        RedissonClient redis = client(TestStack.get().redisUrl());
        try (SharedWindowCounter first = counter(redis); SharedWindowCounter second = counter(redis)) {
            RequestsPerUser one = new RequestsPerUser(first, THREE_A_MINUTE);
            RequestsPerUser other = new RequestsPerUser(second, THREE_A_MINUTE);
            UUID busy = UUID.randomUUID();

            assertThat(List.of(request(one, busy), request(one, busy))).containsOnly(200);
            first.flush();
            assertThat(request(other, busy)).as("the other instance knows nothing yet").isEqualTo(200);
            second.flush();

            assertThat(request(other, busy)).as("2 + 1 shared, and this one").isEqualTo(429);
            assertThat(redis.getKeys().getKeysStream().filter(key -> key.contains(busy.toString()))
                    .map(key -> redis.getAtomicLong(key).get()).toList()).containsExactly(3L);
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void withoutRedisEachInstanceStillLimitsOnItsOwn() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        RedissonClient unreachable = client("redis://127.0.0.1:" + closed);
        try (SharedWindowCounter counts = counter(unreachable)) {
            RequestsPerUser limit = new RequestsPerUser(counts, THREE_A_MINUTE);
            UUID busy = UUID.randomUUID();

            assertThat(List.of(request(limit, busy), request(limit, busy))).containsOnly(200);
            counts.flush();
            assertThat(request(limit, busy)).as("what could not be shared still counts").isEqualTo(200);
            assertThat(request(limit, busy)).isEqualTo(429);
        } finally {
            unreachable.shutdown();
        }
    }

    @Test
    void requestsWithoutAUserAreLeftToTheSignInLimits() throws Exception {
        RedissonClient redis = client(TestStack.get().redisUrl());
        try {
            RequestsPerUser limit = new RequestsPerUser(counter(redis), new ApiSettings(0));
            MockHttpServletResponse response = new MockHttpServletResponse();

            limit.doFilter(new MockHttpServletRequest("POST", "/api/v1/auth/login"), response, new MockFilterChain());

            assertThat(response.getStatus()).isEqualTo(200);
        } finally {
            redis.shutdown();
        }
    }

    private static int request(RequestsPerUser limit, UUID userId) throws Exception {
        return response(limit, userId).getStatus();
    }

    private static MockHttpServletResponse response(RequestsPerUser limit, UUID userId) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(
                new CurrentUser(userId, "jti", Instant.now().plusSeconds(900)), null, List.of()));
        MockHttpServletResponse response = new MockHttpServletResponse();
        limit.doFilter(new MockHttpServletRequest("GET", "/api/v1/dashboard"), response, new MockFilterChain());
        return response;
    }

    /** Counts shared when the test says, not by the clock; the middle of a minute, so no test runs across two. */
    private static SharedWindowCounter counter(RedissonClient redis) {
        return new SharedWindowCounter(redis, Clock.fixed(Instant.now().truncatedTo(ChronoUnit.MINUTES)
                .plusSeconds(30), ZoneOffset.UTC), Duration.ZERO);
    }

    private static RedissonClient client(String url) {
        Config config = new Config().setLazyInitialization(true);
        config.useSingleServer().setAddress(url).setConnectTimeout(300).setTimeout(300).setRetryAttempts(0);
        return Redisson.create(config);
    }
}
