package com.personifi.api.auth;

import com.personifi.api.web.Problems;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless bearer-token security: everything but sign-up, sign-in, docs, health and feed callbacks needs a valid
 * token. A feed callback comes from Safaricom, which cannot hold a user's token; the callback controller
 * authenticates it by the feed's own secret instead. The GraphQL WebSocket handshake is open for the same kind of
 * reason: a browser cannot send headers with it, so {@link WebSocketAuthentication} refuses a connection whose first
 * message carries no valid token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, TokenService tokens, RevokedTokens revoked,
                            @Value("${spring.graphql.websocket.path}") String webSocketPath) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // bearer tokens, no sessions: no request is saved for after a sign-in page, and sign-out is
                // POST /api/v1/auth/logout, not the form filter's /logout
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(requests -> requests
                        // an event stream's later dispatches belong to a request that was authorized when it began
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        // refresh is authenticated by the refresh token itself
                        .requestMatchers("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/feeds/mpesa/*", "/api/v1/feeds/mm/*").permitAll()
                        // an SMS forwarder posts with its own secret; managing forwarders takes the user's token
                        .requestMatchers("/api/v1/feeds/sms/forwarders", "/api/v1/feeds/sms/forwarders/**")
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/feeds/sms/{forwarderId:[0-9a-fA-F-]{36}}")
                        .permitAll()
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**", "/swagger-ui/**",
                                "/swagger-ui.html", "/actuator/health/**", "/error").permitAll()
                        // the GraphiQL page, where it is enabled (local, dev); its scripts come from a CDN and its
                        // requests carry the token typed into its headers editor
                        .requestMatchers(HttpMethod.GET, "/graphiql").permitAll()
                        // the GraphQL WebSocket handshake: the connection authenticates by its first message
                        .requestMatchers(webSocketHandshake(webSocketPath)).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens, revoked), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) ->
                        Problems.write(response, HttpStatus.UNAUTHORIZED, "Authentication required",
                                "Send a valid access token as 'Authorization: Bearer …'.")))
                .build();
    }

    /** A WebSocket upgrade of {@code path}, and nothing else there: no plain GET, no other method. */
    private static RequestMatcher webSocketHandshake(String path) {
        return new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, path),
                request -> "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE)));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
