package com.personifi.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A subscription lives no longer than the access token it was made with, over the WebSocket and over Server-Sent
 * Events alike: it ends with an {@code UNAUTHORIZED} error when the token expires, or soon after the token is logged
 * out ({@link AuthSettings#subscriptionLogoutCheck()}). The client subscribes again with a fresh token.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SubscriptionLifetime implements WebGraphQlInterceptor {

    private final RevokedTokens revoked;
    private final Duration logoutCheck;
    private final Clock clock = Clock.systemUTC();

    SubscriptionLifetime(RevokedTokens revoked, AuthSettings settings) {
        this.revoked = revoked;
        this.logoutCheck = settings.subscriptionLogoutCheck();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        // over HTTP the request's thread still holds its authentication while the chain is assembled
        CurrentUser user = request instanceof WebSocketGraphQlRequest webSocket
                ? WebSocketAuthentication.userOf(webSocket.getSessionInfo()) : signedIn();
        if (user == null) {
            return chain.next(request);
        }
        return chain.next(request).map(response -> response.getData() instanceof Publisher<?> events
                ? response.transform(answer -> answer.data(whileValid(events,
                        Duration.between(clock.instant(), user.tokenExpiresAt()),
                        () -> revoked.isRevokedWithout(user.tokenId(), logoutCheck), logoutCheck)))
                : response);
    }

    /**
     * The events until {@code left} has passed or {@code loggedOut} says so (asked every {@code logoutCheck}, without
     * blocking; a check that fails counts as not logged out); then an {@code UNAUTHORIZED} error says why the
     * subscription ended.
     */
    static Flux<Object> whileValid(Publisher<?> events, Duration left, Supplier<Mono<Boolean>> loggedOut,
                                   Duration logoutCheck) {
        AtomicBoolean cut = new AtomicBoolean();
        Flux<Object> logout = Flux.interval(logoutCheck, logoutCheck)
                .concatMap(tick -> Mono.defer(loggedOut).onErrorReturn(false))
                .filter(Boolean::booleanValue).cast(Object.class);
        Flux<Object> end = Flux.merge(Mono.delay(left.isNegative() ? Duration.ZERO : left), logout).take(1)
                .doOnNext(why -> cut.set(true));
        return Flux.<Object>from(events)
                .takeUntilOther(end)
                .concatWith(Mono.defer(() -> cut.get()
                        ? Mono.error(new SubscriptionPublisherException(List.of(unauthorized()), null))
                        : Mono.empty()));
    }

    static GraphQLError unauthorized() {
        return GraphqlErrorBuilder.newError().errorType(ErrorType.UNAUTHORIZED)
                .message("The access token expired or was logged out; subscribe again with a valid one").build();
    }

    private static CurrentUser signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
    }
}
