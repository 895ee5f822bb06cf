package com.personifi.api.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings ({@code personifi.auth.*}). The signing key comes from the environment
 * ({@code PERSONIFI_AUTH_SIGNING_KEY}: a PKCS#8 EC P-256 private key, base64; {@code PERSONIFI_AUTH_VERIFICATION_KEY}:
 * its X.509 public key, base64; {@code PERSONIFI_AUTH_KEY_ID});
 * the local profile instead generates a development key once and keeps it in {@code devKeyFile}.
 *
 * @param requireConfiguredKey true in prod: refuse to start without a key from the environment
 */
@ConfigurationProperties("personifi.auth")
public record AuthSettings(
        String signingKey,
        String verificationKey,
        String keyId,
        String devKeyFile,
        @DefaultValue("false") boolean requireConfiguredKey,
        @DefaultValue("personifi") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl) {
}
