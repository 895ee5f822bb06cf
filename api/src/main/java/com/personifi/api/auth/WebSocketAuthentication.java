package com.personifi.api.auth;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.personifi.api.web.GraphQlRefusals;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import com.personifi.api.database.DatabaseUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Authenticates a GraphQL WebSocket connection by the access token in its {@code connection_init} payload,
 * {@code {"Authorization": "Bearer …"}}, which is also what GraphiQL sends from its headers editor. Browsers cannot
 * set headers on a WebSocket handshake, so the handshake is open and carries no identity; a connection whose token is
 * missing, invalid, expired or logged out is closed with 4401 before it can run anything. Every operation on the
 * connection then runs as that user, the token checked again for expiry and logout; a subscription ends with its
 * token ({@link SubscriptionLifetime}), and the client connects again with a fresh one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(WebSocketAuthentication.class);
    private static final String USER = WebSocketAuthentication.class.getName() + ".user";
    /** Where Spring GraphQL looks for the security context it makes current while fields are resolved. */
    private static final String SECURITY_CONTEXT = SecurityContext.class.getName();

    private final TokenService tokens;
    private final RevokedTokens revoked;
    private final Clock clock = Clock.systemUTC();

    WebSocketAuthentication(TokenService tokens, RevokedTokens revoked) {
        this.tokens = tokens;
        this.revoked = revoked;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        return Mono.fromCallable(() -> {
            CurrentUser user = tokens.verify(bearerToken(payload));
            if (revoked.isRevoked(user.tokenId())) {
                throw new TokenService.InvalidTokenException("Access token revoked at logout", null);
            }
            session.getAttributes().put(USER, user);
            return user;
        }).doOnError(e -> log.debug("GraphQL WebSocket refused: {}", e.getMessage())).then(Mono.empty());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest webSocket)) {
            return chain.next(request);
        }
        CurrentUser user = userOf(webSocket.getSessionInfo());
        if (user == null || !user.tokenExpiresAt().isAfter(clock.instant()) || revoked.isRevoked(user.tokenId())) {
            return Mono.just(GraphQlRefusals.refuse(request, unauthorized()));
        }
        SecurityContext security = new SecurityContextImpl(new UsernamePasswordAuthenticationToken(user, null,
                List.of()));
        return chain.next(request)
                // the user for Spring Security, and for the database's row-level security
                .contextWrite(Context.of(SECURITY_CONTEXT, security, DatabaseUser.CONTEXT_KEY, user.id()));
    }

    /** The user a connection authenticated as at {@code connection_init}, or null before that. */
    static CurrentUser userOf(WebSocketSessionInfo session) {
        return (CurrentUser) session.getAttributes().get(USER);
    }

    private static GraphQLError unauthorized() {
        return GraphqlErrorBuilder.newError().errorType(ErrorType.UNAUTHORIZED)
                .message("The access token expired or was logged out; connect again with a valid one").build();
    }

    /** The {@code Authorization} entry of the payload, its name in any case, as {@code Bearer <token>}. */
    private static String bearerToken(Map<String, Object> payload) {
        if (payload != null) {
            for (Map.Entry<String, Object> entry : payload.entrySet()) {
                if ("Authorization".equalsIgnoreCase(entry.getKey()) && entry.getValue() instanceof String value
                        && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    return value.substring(7).strip();
                }
            }
        }
        throw new TokenService.InvalidTokenException("No bearer token in connection_init", null);
    }
}
