package com.personifi.api.auth;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its {@code Authorization: Bearer} access token; an invalid or logged-out token gets no
 * identity.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final TokenService tokens;
    private final RevokedTokens revoked;

    BearerTokenFilter(TokenService tokens, RevokedTokens revoked) {
        this.tokens = tokens;
        this.revoked = revoked;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                CurrentUser user = tokens.verify(header.substring(7).strip());
                if (revoked.isRevoked(user.tokenId())) {
                    throw new TokenService.InvalidTokenException("Access token revoked at logout", null);
                }
                SecurityContextHolder.getContext().setAuthentication(
                        new UsernamePasswordAuthenticationToken(user, null, List.of()));
            } catch (TokenService.InvalidTokenException e) {
                SecurityContextHolder.clearContext();
            }
        }
        chain.doFilter(request, response);
    }
}
