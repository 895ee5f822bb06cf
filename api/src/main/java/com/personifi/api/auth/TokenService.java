package com.personifi.api.auth;

import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import org.springframework.stereotype.Service;

/** Issues and checks ES256-signed access tokens. A token signed with an unknown {@code kid} is refused. */
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

    private final SigningKeys keys;
    private final AuthSettings settings;
    private final Clock clock;

    public TokenService(SigningKeys keys, AuthSettings settings) {
        this.keys = keys;
        this.settings = settings;
        this.clock = Clock.systemUTC();
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
        try {
            Claims claims = Jwts.parser()
                    .keyLocator(new LocatorAdapter<Key>() {
                        @Override
                        protected Key locate(ProtectedHeader header) {
                            if (!keys.keyId().equals(header.getKeyId())) {
                                throw new JwtException("Unknown signing key id");
                            }
                            return keys.publicKey();
                        }
                    })
                    .requireIssuer(settings.issuer())
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            return new CurrentUser(UUID.fromString(claims.getSubject()));
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("Invalid access token: " + e.getMessage(), e);
        }
    }
}
