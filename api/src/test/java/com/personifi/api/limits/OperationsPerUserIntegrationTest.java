package com.personifi.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.auth.CurrentUser;
import com.personifi.testing.TestStack;
import graphql.ExecutionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.util.LinkedMultiValueMap;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** Operations over a GraphQL WebSocket count against the same per-user limit as HTTP requests, on the test Redis. */
class OperationsPerUserIntegrationTest {

    private static final ApiSettings THREE_A_MINUTE = new ApiSettings(3);

    RedissonClient redis;
    RequestsPerUser http;
    OperationsPerUser webSocket;

    @BeforeEach
    void givenOneCountForBothTransports() {
        Config config = new Config();
        config.useSingleServer().setAddress(TestStack.get().redisUrl());
        redis = Redisson.create(config);
        // the middle of a minute, so the test never runs across two windows
        SharedWindowCounter windows = new SharedWindowCounter(redis, Clock.fixed(Instant.now()
                .truncatedTo(ChronoUnit.MINUTES).plusSeconds(30), ZoneOffset.UTC), Duration.ZERO);
        http = new RequestsPerUser(windows, THREE_A_MINUTE);
        webSocket = new OperationsPerUser(windows, THREE_A_MINUTE);
    }

    @AfterEach
    void shutDown() {
        SecurityContextHolder.clearContext();
        redis.shutdown();
    }

    @Test
    void anOperationPastTheUsersLimitIsRefusedWithRetryAfterWhileAnotherUserGoesOn() throws Exception {
        UUID busy = UUID.randomUUID();

        int first = httpRequest(busy);
        int second = httpRequest(busy);
        WebGraphQlResponse third = operation(busy);
        WebGraphQlResponse fourth = operation(busy);

        assertThat(List.of(first, second)).containsOnly(200);
        assertThat(third.getErrors()).isEmpty();
        assertThat(fourth.getErrors()).hasSize(1);
        ResponseError refusal = fourth.getErrors().get(0);
        assertThat(refusal.getErrorType().toString()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(refusal.getMessage()).startsWith("More than 3 requests this minute");
        assertThat(((Number) refusal.getExtensions().get("retryAfter")).intValue()).isBetween(1, 60);
        assertThat(operation(UUID.randomUUID()).getErrors()).isEmpty();
    }

    private int httpRequest(UUID userId) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(authentication(userId));
        MockHttpServletResponse response = new MockHttpServletResponse();
        http.doFilter(new MockHttpServletRequest("POST", "/graphql"), response, new MockFilterChain());
        return response.getStatus();
    }

    private WebGraphQlResponse operation(UUID userId) {
        WebSocketGraphQlRequest request = new WebSocketGraphQlRequest(URI.create("ws://127.0.0.1/graphql-ws"),
                new HttpHeaders(), new LinkedMultiValueMap<>(), Map.of(), Map.of("query", "{ accounts { id } }"),
                "1", null, new Session());
        SecurityContext security = new SecurityContextImpl(authentication(userId));
        return webSocket.intercept(request, sent -> Mono.just(new WebGraphQlResponse(
                        new DefaultExecutionGraphQlResponse(sent.toExecutionInput(),
                                ExecutionResult.newExecutionResult().data(Map.of("accounts", List.of())).build()))))
                .contextWrite(Context.of(SecurityContext.class.getName(), security))
                .block();
    }

    private static UsernamePasswordAuthenticationToken authentication(UUID userId) {
        return new UsernamePasswordAuthenticationToken(new CurrentUser(userId, "jti", Instant.now().plusSeconds(900)),
                null, List.of());
    }

    private static final class Session implements WebSocketSessionInfo {

        @Override
        public String getId() {
            return "session";
        }

        @Override
        public Map<String, Object> getAttributes() {
            return new HashMap<>();
        }

        @Override
        public URI getUri() {
            return URI.create("ws://127.0.0.1/graphql-ws");
        }

        @Override
        public HttpHeaders getHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Mono<Principal> getPrincipal() {
            return Mono.empty();
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }
    }
}
