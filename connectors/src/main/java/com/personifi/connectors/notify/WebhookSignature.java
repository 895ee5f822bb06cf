package com.personifi.connectors.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook delivery is signed (docs/notifications.md): {@code PersoniFi-Signature: v1=<hex>}, where the hex is
 * {@code HMAC-SHA256(secret, timestamp + "." + body)} over the exact body bytes and the {@code PersoniFi-Timestamp}
 * header (Unix seconds). Each attempt is signed afresh with its own timestamp, so a receiver can refuse stale ones.
 */
final class WebhookSignature {

    static final String TIMESTAMP_HEADER = "PersoniFi-Timestamp";
    static final String SIGNATURE_HEADER = "PersoniFi-Signature";
    static final String EVENT_ID_HEADER = "PersoniFi-Event-Id";
    static final String VERSION = "v1=";

    private WebhookSignature() {
    }

    static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return VERSION + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
