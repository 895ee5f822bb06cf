package com.personifi.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

class SigningKeysUnitTest {

    @Test
    void aTokenOfARetiredKeyStillListedIsAcceptedAndOneOfAnUnlistedKeyIsNot() throws Exception {
        KeyPair current = generate();
        KeyPair retired = generate();
        KeyPair unlisted = generate();
        AuthSettings settings = settings(current, "key-2026-11", "key-2026-10=" + x509(retired));
        TokenService tokens = new TokenService(new SigningKeys(settings), settings);
        UUID user = UUID.randomUUID();

        assertThat(tokens.verify(token(retired, "key-2026-10", user)).id()).isEqualTo(user);
        assertThat(tokens.verify(tokens.issue(user).token()).id()).isEqualTo(user);
        assertThatThrownBy(() -> tokens.verify(token(unlisted, "key-2026-09", user)))
                .isInstanceOf(TokenService.InvalidTokenException.class);
        // a listed key id does not help a token signed by another key
        assertThatThrownBy(() -> tokens.verify(token(unlisted, "key-2026-10", user)))
                .isInstanceOf(TokenService.InvalidTokenException.class);
    }

    @Test
    void aMalformedPreviousKeyStopsTheStartWithAMessage() throws Exception {
        AuthSettings settings = settings(generate(), "key-1", "no-equals-sign");
        assertThatThrownBy(() -> new SigningKeys(settings)).hasMessageContaining("kid=base64");
    }

    @Test
    void newTokensCarryTheCurrentKeyId() throws Exception {
        AuthSettings settings = settings(generate(), "key-now", null);
        TokenService tokens = new TokenService(new SigningKeys(settings), settings);
        String header = new String(Base64.getUrlDecoder().decode(tokens.issue(UUID.randomUUID()).token().split("\\.")[0]));
        assertThat(header).contains("\"kid\":\"key-now\"");
    }

    private static AuthSettings settings(KeyPair current, String kid, String previous) {
        return new AuthSettings(Base64.getEncoder().encodeToString(current.getPrivate().getEncoded()), x509(current),
                kid, null, true, "personifi", Duration.ofMinutes(15), previous, Duration.ofDays(7), true, 30, 10, 1000,
                Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    private static String token(KeyPair keys, String kid, UUID user) {
        return Jwts.builder().header().keyId(kid).and().issuer("personifi").subject(user.toString())
                .id(UUID.randomUUID().toString()).expiration(Date.from(Instant.now().plusSeconds(300)))
                .signWith(keys.getPrivate(), Jwts.SIG.ES256).compact();
    }

    private static String x509(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    private static KeyPair generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
