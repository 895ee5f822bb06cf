package com.personifi.api.limits;

import java.io.IOException;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each signed-in user's requests per minute, so one runaway client (or stolen token) cannot take the API's
 * capacity from everyone else. Counted per user, not per address: many people share a mobile carrier's address.
 * Requests without a user are left to the limits on sign-up and sign-in.
 */
final class RequestsPerUser extends OncePerRequestFilter {

    /** The windows every request and WebSocket operation of a user is counted in. */
    static final String SCOPE = "api-user";

    private final SharedWindowCounter windows;
    private final ApiSettings settings;

    RequestsPerUser(SharedWindowCounter windows, ApiSettings settings) {
        this.windows = windows;
        this.settings = settings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            long retryAfter = windows.retryAfterIfOver(SCOPE, user.id().toString(),
                    settings.requestsPerMinute());
            if (retryAfter > 0) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
                Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                        "More than " + settings.requestsPerMinute() + " requests this minute; try again in "
                                + retryAfter + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
