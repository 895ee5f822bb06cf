package com.personifi.api.feeds;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A feed's secret: 32 random bytes in URL-safe base64, stored only as its SHA-256. Comparisons are constant-time,
 * so how long a wrong guess takes says nothing about how close it was.
 */
final class FeedSecrets {

    static final Duration SIGNATURE_TOLERANCE = Duration.ofMinutes(5);
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when the feed does not exist, so an unknown feed costs what a wrong token costs. */
    private static final byte[] NO_FEED = new byte[32];

    private FeedSecrets() {
    }

    static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether the presented secret is the one whose hash is stored; a missing feed (null hash) never matches. */
    static boolean matches(String presented, byte[] storedHash) {
        byte[] expected = storedHash != null ? storedHash : NO_FEED;
        boolean equal = MessageDigest.isEqual(hash(presented == null ? "" : presented), expected);
        return equal && storedHash != null && presented != null;
    }

    /**
     * Whether signature is the hex HMAC-SHA256 (optionally prefixed "sha256="), keyed with the feed's secret, of {@code timestamp + "." + body}, and
     * the timestamp (Unix seconds) lies within the tolerance of now.
     */
    static boolean signatureValid(String secret, String timestamp, byte[] body, String signature, Instant now) {
        if (timestamp == null || signature == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(SIGNATURE_TOLERANCE) > 0) {
            return false;
        }
        String hex = signature.strip().toLowerCase();
        if (hex.startsWith("sha256=")) {
            hex = hex.substring("sha256=".length());
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp.strip(), body), presented);
    }

    static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
