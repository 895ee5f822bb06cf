package com.personifi.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.personifi.schemas.RedisKeys;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Access tokens revoked at logout, by {@code jti}, kept in Redis until the token would have expired anyway, so every
 * API instance refuses them. Each instance also remembers the revocations it made itself: while Redis is down the API
 * keeps serving, and still refuses the tokens logged out through it. A token Redis said was not revoked is believed for
 * {@link AuthSettings#logoutSeenWithin()} (1 s) before Redis is asked again, so a client's burst of requests costs
 * one question; a logout through another instance is refused here that much later at most, one through this instance
 * at once.
 */
@Component
public class RevokedTokens {

    private static final Logger log = LoggerFactory.getLogger(RevokedTokens.class);

    private final RedissonClient redis;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> revokedHere = new ConcurrentHashMap<>();
    /** Tokens Redis answered for as not revoked, recently. */
    private final Cache<String, Boolean> notRevoked;

    RevokedTokens(RedissonClient redis, AuthSettings settings) {
        this.redis = redis;
        this.notRevoked = Caffeine.newBuilder().maximumSize(settings.verifiedTokensKept())
                .expireAfterWrite(settings.logoutSeenWithin()).build();
    }

    void revoke(String tokenId, Instant expiresAt) {
        Duration left = Duration.between(clock.instant(), expiresAt);
        if (left.isNegative() || left.isZero()) {
            return;
        }
        revokedHere.put(tokenId, expiresAt);
        notRevoked.invalidate(tokenId);
        forgetExpired();
        try {
            redis.getBucket(RedisKeys.revokedToken(tokenId)).set("1", left);
        } catch (RuntimeException e) {
            log.warn("Token revocation kept on this instance only, Redis unavailable: {}", e.getMessage());
        }
    }

    boolean isRevoked(String tokenId) {
        Instant here = revokedHere.get(tokenId);
        if (here != null && here.isAfter(clock.instant())) {
            return true;
        }
        if (notRevoked.getIfPresent(tokenId) != null) {
            return false;
        }
        try {
            boolean revoked = redis.getBucket(RedisKeys.revokedToken(tokenId)).isExists();
            if (!revoked) {
                notRevoked.put(tokenId, Boolean.TRUE);
            }
            return revoked;
        } catch (RuntimeException e) {
            log.warn("Revoked tokens checked on this instance only, Redis unavailable: {}", e.getMessage());
            return false;
        }
    }

    /**
     * As {@link #isRevoked}, without holding a thread while Redis answers; not revoked when Redis does not answer
     * within {@code wait}, as while it is down.
     */
    Mono<Boolean> isRevokedWithout(String tokenId, Duration wait) {
        Instant here = revokedHere.get(tokenId);
        if (here != null && here.isAfter(clock.instant())) {
            return Mono.just(true);
        }
        return Mono.fromCompletionStage(() -> redis.getBucket(RedisKeys.revokedToken(tokenId)).isExistsAsync())
                .timeout(wait)
                .onErrorReturn(false);
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        revokedHere.values().removeIf(expiry -> !expiry.isAfter(now));
    }
}
