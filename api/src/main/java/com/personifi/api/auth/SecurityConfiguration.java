package com.personifi.api.auth;

import com.personifi.api.web.Problems;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Stateless bearer-token security: everything but sign-up, sign-in, docs, health and feed callbacks needs a valid
 * token. A feed callback comes from Safaricom, which cannot hold a user's token; the callback controller
 * authenticates it by the feed's own secret instead.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, TokenService tokens, RevokedTokens revoked) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // an event stream's later dispatches belong to a request that was authorized when it began
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        // refresh is authenticated by the refresh token itself
                        .requestMatchers("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/feeds/mpesa/*", "/api/v1/feeds/mm/*").permitAll()
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**", "/swagger-ui/**",
                                "/swagger-ui.html", "/graphiql/**", "/actuator/health/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens, revoked), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) ->
                        Problems.write(response, HttpStatus.UNAUTHORIZED, "Authentication required",
                                "Send a valid access token as 'Authorization: Bearer …'.")))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
