package com.personifi.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.personifi.api.ApiClient;
import io.jsonwebtoken.Jwts;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@SpringBootTest
@AutoConfigureMockMvc
class TokenLifecycleIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    SigningKeys keys;

    @Autowired
    AuthSettings settings;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        String expired = Jwts.builder().header().keyId(keys.keyId()).and().issuer(settings.issuer())
                .subject(user.userId().toString()).id(UUID.randomUUID().toString())
                .issuedAt(Date.from(Instant.now().minusSeconds(3600)))
                .expiration(Date.from(Instant.now().minusSeconds(60)))
                .signWith(keys.privateKey(), Jwts.SIG.ES256).compact();

        accounts("Bearer " + expired).andExpect(status().isUnauthorized());
        accounts(user.bearer()).andExpect(status().isOk());
    }

    @Test
    void aTokenSignedWithAKeyWeDoNotKnowIsRefusedEvenUnderOurKeyId() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var stranger = generator.generateKeyPair();

        for (String kid : new String[] {"someone-elses-key", keys.keyId()}) {
            String forged = Jwts.builder().header().keyId(kid).and().issuer(settings.issuer())
                    .subject(user.userId().toString()).id(UUID.randomUUID().toString())
                    .expiration(Date.from(Instant.now().plusSeconds(600)))
                    .signWith(stranger.getPrivate(), Jwts.SIG.ES256).compact();
            accounts("Bearer " + forged).andExpect(status().isUnauthorized());
        }
    }

    @Test
    void aLoggedOutAccessTokenIsRefusedAndItsRefreshFamilyRevoked() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        accounts(user.bearer()).andExpect(status().isOk());

        mvc.perform(post("/api/v1/auth/logout").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refreshToken\":\"" + user.refreshToken() + "\"}"))
                .andExpect(status().isNoContent());

        accounts(user.bearer()).andExpect(status().isUnauthorized());
        refresh(user.refreshToken()).andExpect(status().isUnauthorized());
        // signing in again starts a new session
        String login = mvc.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + user.email() + "\",\"password\":\"correct horse battery\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        accounts("Bearer " + ApiClient.json(login).get("accessToken").asString()).andExpect(status().isOk());
    }

    @Test
    void aRefreshTokenWorksOnceAndItsReuseRevokesTheWholeFamily() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        String rotated = refresh(user.refreshToken()).andExpect(status().isOk())
                .andExpect(jsonPath("$.tokenType").value("Bearer"))
                .andExpect(jsonPath("$.expiresIn").value(900))
                .andReturn().getResponse().getContentAsString();
        String secondRefresh = ApiClient.json(rotated).get("refreshToken").asString();
        String secondAccess = ApiClient.json(rotated).get("accessToken").asString();
        assertThat(secondRefresh).isNotEqualTo(user.refreshToken());
        accounts("Bearer " + secondAccess).andExpect(status().isOk());

        // the first token again: someone kept a copy, so no token of this sign-in may work any more
        refresh(user.refreshToken()).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("Refresh token already used; sign in again"));
        refresh(secondRefresh).andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL")
                .param(user.userId()).query(Long.class).single()).isZero();
    }

    @Test
    void onlyADigestOfARefreshTokenIsStored() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        byte[] stored = jdbc.sql("SELECT token_hash FROM refresh_tokens WHERE user_id = ?").param(user.userId())
                .query(byte[].class).single();
        assertThat(stored).hasSize(32);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(user.refreshToken());
    }

    @Test
    void aWebClientKeepsItsRefreshTokenInAnHttpOnlyCookieScopedToAuth() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        MvcResult login = mvc.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + user.email() + "\",\"password\":\"correct horse battery\","
                                + "\"client\":\"web\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refreshToken").doesNotExist())
                .andExpect(header().string("Set-Cookie", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("HttpOnly"),
                        org.hamcrest.Matchers.containsString("Secure"),
                        org.hamcrest.Matchers.containsString("SameSite=Strict"),
                        org.hamcrest.Matchers.containsString("Path=/api/v1/auth"))))
                .andReturn();
        Cookie cookie = login.getResponse().getCookie(AuthController.REFRESH_COOKIE);
        assertThat(cookie).isNotNull();

        MvcResult refreshed = mvc.perform(post("/api/v1/auth/refresh").cookie(cookie))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refreshToken").doesNotExist())
                .andExpect(jsonPath("$.accessToken").isString())
                .andReturn();
        Cookie next = refreshed.getResponse().getCookie(AuthController.REFRESH_COOKIE);
        assertThat(next).isNotNull();
        assertThat(next.getValue()).isNotEqualTo(cookie.getValue());
        mvc.perform(post("/api/v1/auth/refresh").cookie(cookie)).andExpect(status().isUnauthorized());
    }

    @Test
    void tooManyAttemptsFromOneAddressGet429WithRetryAfter() throws Exception {
        String address = "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        int limit = settings.attemptsPerAddress();
        startInAFreshWindow();
        for (int i = 0; i < limit; i++) {
            mvc.perform(post("/api/v1/auth/refresh").with(ApiClient.from(address))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"refreshToken\":\"nothing-" + i + "\"}"))
                    .andExpect(status().isUnauthorized());
        }

        mvc.perform(post("/api/v1/auth/refresh").with(ApiClient.from(address))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"refreshToken\":\"one-more\"}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]?")))
                .andExpect(jsonPath("$.status").value(429));
        // another address is not held back by this one
        mvc.perform(post("/api/v1/auth/refresh").with(ApiClient.from(address + "1"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"refreshToken\":\"elsewhere\"}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void tooManySignInAttemptsForOneLoginGet429EvenFromManyAddresses() throws Exception {
        startInAFreshWindow();
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        int statusOfLast = 0;
        for (int i = 0; i <= settings.attemptsPerLogin(); i++) {
            int n = (int) (Math.random() * 250);
            statusOfLast = mvc.perform(post("/api/v1/auth/login").with(ApiClient.from("10.88." + n + "." + n))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"email\":\"" + user.email() + "\",\"password\":\"wrong guess " + i + "\"}"))
                    .andReturn().getResponse().getStatus();
        }
        // one attempt was the sign-in of signUp itself, so the last guess is past the limit
        assertThat(statusOfLast).isEqualTo(429);
    }

    /**
     * Limits count in one-minute windows of the clock; a test that counts its attempts in one window waits out a
     * window too near its end, or the count would split across two and the limit never be reached.
     */
    private static void startInAFreshWindow() throws InterruptedException {
        long left = 60_000 - System.currentTimeMillis() % 60_000;
        if (left < 20_000) {
            Thread.sleep(left + 50);
        }
    }

    private org.springframework.test.web.servlet.ResultActions accounts(String authorization) throws Exception {
        return mvc.perform(get("/api/v1/accounts").header("Authorization", authorization));
    }

    private org.springframework.test.web.servlet.ResultActions refresh(String token) throws Exception {
        return mvc.perform(post("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .content("{\"refreshToken\":\"" + token + "\"}"));
    }
}
