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
 * @param previousKeys         public keys of retired signing keys, still accepted until their tokens expired:
 *                             {@code kid=base64X509} pairs separated by commas ({@code PERSONIFI_AUTH_PREVIOUS_KEYS})
 * @param refreshTokenTtl      how long a refresh token lives; each use replaces it with a new one
 * @param secureCookie         whether the web client's refresh cookie is marked Secure (false only for plain-HTTP
 *                             development)
 * @param attemptsPerAddress   sign-up, sign-in and refresh requests allowed per client address per minute
 * @param attemptsPerLogin     sign-in attempts allowed per email or phone per minute
 * @param verifiedTokensKept   access tokens whose signature each instance remembers having checked, so a client's
 *                             every request does not cost a signature check (about 2 ms of CPU)
 * @param subscriptionLogoutCheck how often a running subscription's token is checked against the logouts, so a
 *                             subscription ends soon after its token is logged out (it ends at expiry anyway)
 * @param logoutSeenWithin     how long an instance believes Redis's answer that a token is not logged out: a logout
 *                             through another instance takes effect here at most this much later
 */
@ConfigurationProperties("personifi.auth")
public record AuthSettings(
        String signingKey,
        String verificationKey,
        String keyId,
        String devKeyFile,
        @DefaultValue("false") boolean requireConfiguredKey,
        @DefaultValue("personifi") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        String previousKeys,
        @DefaultValue("7d") Duration refreshTokenTtl,
        @DefaultValue("true") boolean secureCookie,
        @DefaultValue("30") int attemptsPerAddress,
        @DefaultValue("10") int attemptsPerLogin,
        @DefaultValue("10000") int verifiedTokensKept,
        @DefaultValue("10s") Duration subscriptionLogoutCheck,
        @DefaultValue("1s") Duration logoutSeenWithin) {
}
