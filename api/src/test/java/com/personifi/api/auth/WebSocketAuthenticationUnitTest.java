package com.personifi.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import reactor.core.publisher.Flux;

class WebSocketAuthenticationUnitTest {

    @Test
    void aSubscriptionEndsWithUnauthorizedWhenItsTokenExpires() {
        AtomicReference<Throwable> ended = new AtomicReference<>();

        WebSocketAuthentication.untilExpiry(Flux.never(), Duration.ofMillis(50))
                .onErrorResume(e -> {
                    ended.set(e);
                    return Flux.empty();
                })
                .blockLast(Duration.ofSeconds(5));

        assertThat(ended.get()).isInstanceOf(SubscriptionPublisherException.class);
        assertThat(((SubscriptionPublisherException) ended.get()).getErrors().get(0).getErrorType())
                .isEqualTo(ErrorType.UNAUTHORIZED);
    }

    @Test
    void aSubscriptionThatEndsBeforeItsTokenDoesEndsAsItWould() {
        List<Object> events = WebSocketAuthentication.untilExpiry(Flux.just("a", "b"), Duration.ofMinutes(15))
                .collectList().block(Duration.ofSeconds(5));

        assertThat(events).containsExactly("a", "b");
    }
}
