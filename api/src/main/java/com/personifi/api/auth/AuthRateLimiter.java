package com.personifi.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.personifi.schemas.RedisKeys;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Limits sign-up, sign-in and refresh attempts per client address and sign-in attempts per login, in one-minute
 * windows counted in Redis so every API instance shares them. While Redis is down each instance counts on its own,
 * so guessing passwords stays limited.
 */
@Component
public class AuthRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(AuthRateLimiter.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** Too many attempts in this window; the client may try again after {@code retryAfterSeconds}. */
    public static final class TooManyAttempts extends RuntimeException {
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            super("Too many attempts; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final RedissonClient redis;
    private final AuthSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, AtomicLong> countedHere = new ConcurrentHashMap<>();

    AuthRateLimiter(RedissonClient redis, AuthSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    void checkAddress(String address) {
        check("auth-address", address, settings.attemptsPerAddress());
    }

    /** Counted under a digest of the login, so Redis never holds people's email addresses or phone numbers. */
    void checkLogin(String login) {
        check("auth-login", digest(login), settings.attemptsPerLogin());
    }

    private static String digest(String login) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(login.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private void check(String scope, String client, int limit) {
        long now = clock.millis();
        long window = now / WINDOW.toMillis();
        String key = RedisKeys.rateLimit(scope, client) + ":" + window;
        long attempts;
        try {
            RAtomicLong counter = redis.getAtomicLong(key);
            attempts = counter.incrementAndGet();
            if (attempts == 1) {
                counter.expire(WINDOW.multipliedBy(2));
            }
        } catch (RuntimeException e) {
            log.warn("Rate limits counted on this instance only, Redis unavailable: {}", e.getMessage());
            attempts = countHere(key, window);
        }
        if (attempts > limit) {
            long windowEnd = (window + 1) * WINDOW.toMillis();
            throw new TooManyAttempts(Math.max(1, (windowEnd - now + 999) / 1000));
        }
    }

    private long countHere(String key, long window) {
        // keys of past windows are dropped as new ones come
        countedHere.keySet().removeIf(k -> !k.endsWith(":" + window));
        return countedHere.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }
}
