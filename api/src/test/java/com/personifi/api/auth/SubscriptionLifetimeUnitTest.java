package com.personifi.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class SubscriptionLifetimeUnitTest {

    @Test
    void aSubscriptionEndsWithUnauthorizedWhenItsTokenExpires() {
        Throwable ended = endOf(SubscriptionLifetime.whileValid(Flux.never(), Duration.ofMillis(50),
                () -> Mono.just(false), Duration.ofMinutes(1)));

        assertUnauthorized(ended);
    }

    @Test
    void aSubscriptionEndsWithUnauthorizedSoonAfterItsTokenIsLoggedOut() {
        AtomicBoolean loggedOut = new AtomicBoolean();
        List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Flux<Object> subscription = SubscriptionLifetime.whileValid(
                Flux.interval(Duration.ofMillis(10)).doOnNext(n -> {
                    if (n == 5) {
                        loggedOut.set(true);
                    }
                }), Duration.ofMinutes(15), () -> Mono.fromSupplier(loggedOut::get), Duration.ofMillis(100))
                .doOnNext(seen::add);

        long started = System.nanoTime();
        Throwable ended = endOf(subscription);

        assertUnauthorized(ended);
        assertThat(seen).as("events before the logout was seen").isNotEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aSubscriptionThatEndsBeforeItsTokenDoesEndsAsItWould() {
        List<Object> events = SubscriptionLifetime.whileValid(Flux.just("a", "b"), Duration.ofMinutes(15),
                () -> Mono.just(false), Duration.ofMillis(10)).collectList().block(Duration.ofSeconds(5));

        assertThat(events).containsExactly("a", "b");
    }

    @Test
    void aLogoutCheckThatFailsNeitherEndsNorBreaksTheSubscription() {
        List<Object> events = SubscriptionLifetime.whileValid(Flux.interval(Duration.ofMillis(20)).take(5),
                        Duration.ofMinutes(15), () -> Mono.error(new IllegalStateException("Redis is away")),
                        Duration.ofMillis(5))
                .collectList().block(Duration.ofSeconds(5));

        assertThat(events).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    private static Throwable endOf(Flux<Object> subscription) {
        AtomicReference<Throwable> ended = new AtomicReference<>();
        subscription.onErrorResume(e -> {
            ended.set(e);
            return Flux.empty();
        }).blockLast(Duration.ofSeconds(5));
        return ended.get();
    }

    private static void assertUnauthorized(Throwable ended) {
        assertThat(ended).isInstanceOf(SubscriptionPublisherException.class);
        assertThat(((SubscriptionPublisherException) ended).getErrors().get(0).getErrorType())
                .isEqualTo(ErrorType.UNAUTHORIZED);
    }
}
