package com.personifi.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import com.personifi.api.web.FixedWindowCounter;
import org.redisson.api.RedissonClient;
import org.springframework.stereotype.Component;

/**
 * Limits sign-up, sign-in and refresh attempts per client address and sign-in attempts per login, in one-minute
 * windows counted in Redis so every API instance shares them. While Redis is down each instance counts on its own,
 * so guessing passwords stays limited.
 */
@Component
public class AuthRateLimiter {

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

    private final FixedWindowCounter windows;
    private final AuthSettings settings;

    AuthRateLimiter(RedissonClient redis, AuthSettings settings) {
        this.windows = new FixedWindowCounter(redis, Clock.systemUTC());
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
        long retryAfter = windows.retryAfterIfOver(scope, client, limit);
        if (retryAfter > 0) {
            throw new TooManyAttempts(retryAfter);
        }
    }
}
