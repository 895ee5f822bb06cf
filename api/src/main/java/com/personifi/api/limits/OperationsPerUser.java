package com.personifi.api.limits;

import java.util.Map;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.GraphQlRefusals;
import graphql.ErrorClassification;
import graphql.GraphqlErrorBuilder;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/**
 * Counts every operation sent over a GraphQL WebSocket against the user's requests per minute, in the same windows
 * as {@link RequestsPerUser} counts HTTP requests: one connection carries no more than the user may send. Past the
 * limit an operation is answered with one error classified {@code TOO_MANY_REQUESTS} that carries
 * {@code retryAfter} in seconds.
 */
final class OperationsPerUser implements WebGraphQlInterceptor, Ordered {

    enum Limit implements ErrorClassification {
        TOO_MANY_REQUESTS
    }

    private final SharedWindowCounter windows;
    private final ApiSettings settings;

    OperationsPerUser(SharedWindowCounter windows, ApiSettings settings) {
        this.windows = windows;
        this.settings = settings;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest)) {
            return chain.next(request);
        }
        // the connection's user, put there by the WebSocket authentication before this runs
        return Mono.deferContextual(context -> {
            Object security = context.getOrDefault(SecurityContext.class.getName(), null);
            if (security instanceof SecurityContext sc && sc.getAuthentication() != null
                    && sc.getAuthentication().getPrincipal() instanceof CurrentUser user) {
                long retryAfter = windows.retryAfterIfOver(RequestsPerUser.SCOPE, user.id().toString(),
                        settings.requestsPerMinute());
                if (retryAfter > 0) {
                    return Mono.just(GraphQlRefusals.refuse(request, GraphqlErrorBuilder.newError()
                            .errorType(Limit.TOO_MANY_REQUESTS)
                            .message("More than " + settings.requestsPerMinute() + " requests this minute; try "
                                    + "again in " + retryAfter + " s")
                            .extensions(Map.of("retryAfter", retryAfter)).build()));
                }
            }
            return chain.next(request);
        });
    }

    /** After the authentication, which is first of all. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
