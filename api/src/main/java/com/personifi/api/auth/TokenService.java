package com.personifi.api.auth;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.personifi.schemas.ids.TransactionIds;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import org.springframework.stereotype.Service;

/**
 * Issues and checks ES256-signed access tokens. A token signed with an unknown {@code kid}, expired, or without an id
 * is refused; whether it was revoked at logout is {@link RevokedTokens}' business.
 */
@Service
public class TokenService {

    public record AccessToken(String token, String jti, Instant expiresAt) {
    }

    /** A token that is malformed, tampered with, expired or signed by a key we do not know. */
    public static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Tokens whose signature was already checked, until they expire. Checking an ES256 signature costs about 2 ms of
     * CPU here, and a client sends the same token with every request for its 15 minutes; a token is found only by
     * its exact text, so nothing unverified can get in. Whether it was revoked is still asked on every request.
     */
    private final Cache<String, CurrentUser> verified;
    private final SigningKeys keys;
    private final AuthSettings settings;
    private final Clock clock;

    public TokenService(SigningKeys keys, AuthSettings settings) {
        this.keys = keys;
        this.settings = settings;
        this.clock = Clock.systemUTC();
        this.verified = Caffeine.newBuilder()
                .maximumSize(settings.verifiedTokensKept())
                .expireAfter(Expiry.creating((String token, CurrentUser user) ->
                        Duration.between(clock.instant(), user.tokenExpiresAt())))
                .build();
    }

    public AccessToken issue(UUID userId) {
        Instant now = clock.instant();
        Instant expires = now.plus(settings.accessTokenTtl());
        String jti = TransactionIds.newId().toString();
        String token = Jwts.builder()
                .header().keyId(keys.keyId()).and()
                .issuer(settings.issuer())
                .subject(userId.toString())
                .id(jti)
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires))
                .signWith(keys.privateKey(), Jwts.SIG.ES256)
                .compact();
        return new AccessToken(token, jti, expires);
    }

    public CurrentUser verify(String token) {
        CurrentUser known = verified.getIfPresent(token);
        if (known != null && known.tokenExpiresAt().isAfter(clock.instant())) {
            return known;
        }
        CurrentUser user = verifySignature(token);
        verified.put(token, user);
        return user;
    }

    private CurrentUser verifySignature(String token) {
        try {
            Claims claims = Jwts.parser()
                    .keyLocator(new LocatorAdapter<Key>() {
                        @Override
                        protected Key locate(ProtectedHeader header) {
                            return keys.verificationKey(header.getKeyId())
                                    .orElseThrow(() -> new JwtException("Unknown signing key id"));
                        }
                    })
                    .requireIssuer(settings.issuer())
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            if (claims.getId() == null || claims.getExpiration() == null) {
                throw new JwtException("Token without id or expiry");
            }
            return new CurrentUser(UUID.fromString(claims.getSubject()), claims.getId(),
                    claims.getExpiration().toInstant());
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("Invalid access token: " + e.getMessage(), e);
        }
    }
}
