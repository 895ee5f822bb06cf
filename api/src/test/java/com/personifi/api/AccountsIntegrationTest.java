package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.accounts.AccountNumberRotation;
import com.personifi.api.accounts.Accounts;
import com.personifi.ingest.job.AccountDirectory;
import com.personifi.schemas.RedisKeys;
import com.personifi.schemas.accounts.AccountNumberCipher;
import org.junit.jupiter.api.BeforeEach;
import org.redisson.api.RedissonClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.JsonNode;

/**
 * Accounts with their numbers: encrypted at rest, found by blind index, only ever answered masked. The keys come from
 * configuration here, as they come from the environment in production (test keys, made for this test only).
 */
@SpringBootTest(properties = {
        "personifi.accounts.number-key-id=" + AccountsIntegrationTest.KEY_ID,
        "personifi.accounts.number-keys=" + AccountsIntegrationTest.KEY_ID + "=" + AccountsIntegrationTest.KEY,
        "personifi.accounts.number-index-key=" + AccountsIntegrationTest.INDEX_KEY,
        // the tests rotate by hand; a rotation started with the context could undo theirs midway
        "personifi.accounts.rotate-on-start=false"})
@AutoConfigureMockMvc
class AccountsIntegrationTest {

    static final String KEY_ID = "test-2026";
    static final String KEY = "+QePmNBKRPOi1ywvVy/+E8kvBxb8QMyOkAYsNozD7M4=";
    static final String NEXT_KEY = "MakFZrulEyy12ilOxP1uq6EY2JPkBJh9KCHnVZVmSDg=";
    static final String INDEX_KEY = "NRyB1QY5NzrP4s26u7sCdkqwL2T97wjJIv0j6A+5Ns8=";
    static final String NEXT_INDEX_KEY = "3mB0Z6Jm0Q9fWd9l0yqv7p2s1k5c8r4t6u9w2x5z8A0=";

    private static final String IBAN = "KE12 0110 2345 6789 0123 4567";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountNumberCipher numbers;

    @Autowired
    Accounts accounts;

    @Autowired
    AccountNumberRotation rotation;

    /** How imports find the account a statement names. */
    @Autowired
    AccountDirectory directory;

    @Autowired
    RedissonClient redis;

    ApiClient.SignedIn user;

    @BeforeEach
    void signUp() throws Exception {
        user = ApiClient.signUp(mvc, "KES");
    }

    private JsonNode send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                          String body, ResultMatcher expected) throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        String answer = mvc.perform(request.header("Authorization", user.bearer())).andExpect(expected)
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return answer.isEmpty() ? null : ApiClient.json(answer);
    }

    private UUID createBankAccount() throws Exception {
        JsonNode created = send(post("/api/v1/accounts"), """
                {"name":"Equity salary","type":"BANK","provider":"Equity","currency":"KES","number":"%s"}"""
                .formatted(IBAN), status().isCreated());
        return UUID.fromString(created.get("id").asString());
    }

    @Test
    void aNumberIsAnsweredMaskedAndStoredOnlyEncrypted() throws Exception {
        UUID id = createBankAccount();

        JsonNode one = send(get("/api/v1/accounts/" + id), null, status().isOk());
        assertThat(one.get("maskedNumber").asString()).isEqualTo("****4567");
        String list = mvc.perform(get("/api/v1/accounts").header("Authorization", user.bearer()))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("****4567").doesNotContain("23456789");

        byte[] stored = jdbc.sql("SELECT number_ciphertext FROM accounts WHERE id = ?").param(id)
                .query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("6789");
        assertThat(numbers.decrypt(id, stored)).isEqualTo("KE1201102345678901234567");
        // the audit log keeps no more of the number than the answer shows
        List<String> audited = jdbc.sql("SELECT after::text FROM audit_log WHERE entity_id = ?")
                .param(id.toString()).query(String.class).list();
        assertThat(audited).singleElement().asString().contains("****4567").doesNotContain("23456789");
    }

    @Test
    void anAccountIsFoundByItsNumberHoweverItIsWritten() throws Exception {
        UUID id = createBankAccount();
        assertThat(directory.byNumber(user.userId(), "ke12011023456789-01234567")).contains(id);
        assertThat(directory.byNumber(user.userId(), "KE12011023456789-01234568")).isEmpty();
        ApiClient.SignedIn stranger = ApiClient.signUp(mvc, "KES");
        assertThat(directory.byNumber(stranger.userId(), IBAN)).isEmpty();
    }

    @Test
    void anAccountCanBeRenamedRenumberedDeletedAndRestored() throws Exception {
        UUID id = createBankAccount();

        JsonNode changed = send(patch("/api/v1/accounts/" + id), """
                {"name":"Equity (old)","number":"0700 111 222"}""", status().isOk());
        assertThat(changed.get("name").asString()).isEqualTo("Equity (old)");
        assertThat(changed.get("provider").asString()).isEqualTo("Equity");
        assertThat(changed.get("maskedNumber").asString()).isEqualTo("****1222");
        assertThat(directory.byNumber(user.userId(), IBAN)).isEmpty();

        // dashboards naming the account are computed afresh
        long version = redis.getAtomicLong(RedisKeys.dataVersion(user.userId())).get();
        JsonNode cleared = send(patch("/api/v1/accounts/" + id), "{\"number\":\"\"}", status().isOk());
        assertThat(redis.getAtomicLong(RedisKeys.dataVersion(user.userId())).get()).isGreaterThan(version);
        assertThat(cleared.get("maskedNumber").isNull()).isTrue();
        assertThat(jdbc.sql("SELECT number_ciphertext IS NULL AND number_blind_index IS NULL FROM accounts"
                + " WHERE id = ?").param(id).query(Boolean.class).single()).isTrue();

        send(delete("/api/v1/accounts/" + id), null, status().isNoContent());
        send(get("/api/v1/accounts/" + id), null, status().isNotFound());
        assertThat(accounts.of(user.userId())).extracting(Accounts.Account::id).doesNotContain(id);

        send(post("/api/v1/accounts/" + id + "/restore"), null, status().isOk());
        assertThat(accounts.of(user.userId())).extracting(Accounts.Account::id).contains(id);
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY at").param(id.toString())
                .query(String.class).list()).containsExactly("create", "update", "update", "delete", "restore");
    }

    @Test
    void aNumberThatIsNoNumberIsRefusedOnItsField() throws Exception {
        JsonNode problem = send(post("/api/v1/accounts"), """
                {"name":"Card","type":"CARD","currency":"KES","number":"12"}""", status().isBadRequest());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("number");
        JsonNode symbols = send(post("/api/v1/accounts"), """
                {"name":"Card","type":"CARD","currency":"KES","number":"<script>"}""", status().isBadRequest());
        assertThat(symbols.get("errors").get(0).get("field").asString()).isEqualTo("number");
        JsonNode type = send(post("/api/v1/accounts"), """
                {"name":"Card","type":"PIGGY_BANK","currency":"KES"}""", status().isBadRequest());
        assertThat(type.get("errors").get(0).get("field").asString()).isEqualTo("type");
    }

    @Test
    void aNewIndexKeyRemakesEveryIndexAndNumbersAreFoundThroughoutTheChange() throws Exception {
        UUID account = createBankAccount();
        assertThat(jdbc.sql("SELECT number_index_key FROM accounts WHERE id = ?").param(account).query(String.class)
                .single()).isEqualTo(numbers.indexKeyId());
        AccountNumberCipher changing = AccountNumberCipher.fromConfiguration(KEY_ID, KEY_ID + "=" + KEY, NEXT_INDEX_KEY,
                INDEX_KEY);

        // found through the retiring key before its index is remade, and through the new one after
        assertThat(directoryWith(changing).byNumber(user.userId(), IBAN)).contains(account);
        assertThat(rotation.reindex(changing)).isGreaterThanOrEqualTo(1);
        assertThat(rotation.reindex(changing)).isZero();
        assertThat(jdbc.sql("SELECT number_index_key FROM accounts WHERE id = ?").param(account).query(String.class)
                .single()).isEqualTo(changing.indexKeyId()).isNotEqualTo(numbers.indexKeyId());
        AccountNumberCipher changed = AccountNumberCipher.fromConfiguration(KEY_ID, KEY_ID + "=" + KEY, NEXT_INDEX_KEY);
        assertThat(directoryWith(changed).byNumber(user.userId(), IBAN)).contains(account);
        assertThat(directory.byNumber(user.userId(), IBAN)).as("by the old key alone").isEmpty();

        // back under the running key, for the other tests of this context
        assertThat(rotation.reindex(numbers)).isGreaterThanOrEqualTo(1);
        assertThat(directory.byNumber(user.userId(), IBAN)).contains(account);
    }

    private AccountDirectory directoryWith(AccountNumberCipher cipher) {
        return new AccountDirectory(jdbc, new StaticListableBeanFactory(Map.of("cipher", cipher))
                .getBeanProvider(AccountNumberCipher.class));
    }

    @Test
    void rotationReEncryptsEveryNumberUnderTheNewKeyAndLosesNone() throws Exception {
        UUID first = createBankAccount();
        UUID second = UUID.fromString(send(post("/api/v1/accounts"), """
                {"name":"Visa","type":"CARD","currency":"USD","number":"4111 1111 1111 1111"}""",
                status().isCreated()).get("id").asString());
        AccountNumberCipher rotated = AccountNumberCipher.fromConfiguration("test-2027",
                "test-2027=" + NEXT_KEY + "," + KEY_ID + "=" + KEY, INDEX_KEY);
        assertThat(numbers.currentKeyId()).isEqualTo(KEY_ID);

        assertThat(rotation.rotate(rotated)).isGreaterThanOrEqualTo(2);
        assertThat(rotation.rotate(rotated)).isZero();
        // the blind index is not keyed by the rotating key: lookups keep working
        assertThat(directory.byNumber(user.userId(), IBAN)).contains(first);

        for (UUID id : List.of(first, second)) {
            byte[] stored = jdbc.sql("SELECT number_ciphertext FROM accounts WHERE id = ?").param(id)
                    .query(byte[].class).single();
            assertThat(AccountNumberCipher.keyIdOf(stored)).isEqualTo("test-2027");
        }
        assertThat(rotated.decrypt(first, jdbc.sql("SELECT number_ciphertext FROM accounts WHERE id = ?")
                .param(first).query(byte[].class).single())).isEqualTo("KE1201102345678901234567");
        assertThat(rotated.decrypt(second, jdbc.sql("SELECT number_ciphertext FROM accounts WHERE id = ?")
                .param(second).query(byte[].class).single())).isEqualTo("4111111111111111");
        // back under the running key, for the other tests of this context
        AccountNumberCipher back = AccountNumberCipher.fromConfiguration(KEY_ID,
                KEY_ID + "=" + KEY + ",test-2027=" + NEXT_KEY, INDEX_KEY);
        assertThat(rotation.rotate(back)).isGreaterThanOrEqualTo(2);
    }
}
