package com.personifi.schemas.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class AccountNumberCipherUnitTest {

    private static final String OLD_KEY = AccountNumberCipher.newKey();
    private static final String NEW_KEY = AccountNumberCipher.newKey();
    private static final String INDEX_KEY = AccountNumberCipher.newKey();

    private final AccountNumberCipher before = AccountNumberCipher.fromConfiguration("k2025", "k2025=" + OLD_KEY,
            INDEX_KEY);
    private final AccountNumberCipher after = AccountNumberCipher.fromConfiguration("k2026",
            "k2026=" + NEW_KEY + ",k2025=" + OLD_KEY, INDEX_KEY);
    private final UUID account = UUID.randomUUID();

    @Test
    void aRetiringIndexKeyStillGivesTheIndexesItMadeWhileNewOnesAreMadeWithTheCurrentKey() {
        String nextIndexKey = AccountNumberCipher.newKey();
        AccountNumberCipher retired = AccountNumberCipher.fromConfiguration("k1", "k1=" + OLD_KEY, INDEX_KEY);
        AccountNumberCipher during = AccountNumberCipher.fromConfiguration("k1", "k1=" + OLD_KEY, nextIndexKey,
                INDEX_KEY);
        UUID person = UUID.randomUUID();

        assertThat(during.blindIndex(person, "0712 345 678")).isNotEqualTo(retired.blindIndex(person, "0712345678"));
        assertThat(during.blindIndexes(person, "0712 345 678")).hasSize(2)
                .satisfies(indexes -> assertThat(indexes.get(0)).isEqualTo(during.blindIndex(person, "0712345678")))
                .satisfies(indexes -> assertThat(indexes.get(1)).isEqualTo(retired.blindIndex(person, "0712345678")));
        assertThat(during.indexKeyId()).hasSize(16).isNotEqualTo(retired.indexKeyId())
                .isEqualTo(AccountNumberCipher.fromConfiguration("k1", "k1=" + OLD_KEY, nextIndexKey).indexKeyId());
        assertThat(during.toString()).doesNotContain(nextIndexKey).doesNotContain(INDEX_KEY);
    }

    @Test
    void aRequestFingerprintIsTheSameForTheSameRequestAndCannotBeMadeWithoutTheKey() {
        byte[] body = "{\"number\":\"0712345678\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AccountNumberCipher otherKey = AccountNumberCipher.fromConfiguration("k2025", "k2025=" + OLD_KEY,
                AccountNumberCipher.newKey());

        assertThat(before.requestFingerprint("POST /api/v1/accounts".getBytes(), body))
                .isEqualTo(after.requestFingerprint("POST /api/v1/accounts".getBytes(), body))
                .isNotEqualTo(otherKey.requestFingerprint("POST /api/v1/accounts".getBytes(), body))
                .isNotEqualTo(before.requestFingerprint("POST /api/v1/accounts/x".getBytes(), body));
    }

    @Test
    void aNumberDecryptsToItsNormalFormAndIsNotInTheCiphertext() {
        byte[] sealed = before.encrypt(account, "0110 2345-6789 01");
        assertThat(before.decrypt(account, sealed)).isEqualTo("01102345678901");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("6789");
        assertThat(AccountNumberCipher.keyIdOf(sealed)).isEqualTo("k2025");
    }

    @Test
    void theSameNumberEncryptsDifferentlyEachTime() {
        assertThat(before.encrypt(account, "12345678")).isNotEqualTo(before.encrypt(account, "12345678"));
    }

    @Test
    void aCiphertextMovedToAnotherAccountDoesNotDecrypt() {
        byte[] sealed = before.encrypt(account, "12345678");
        assertThatThrownBy(() -> before.decrypt(UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTamperedCiphertextDoesNotDecrypt() {
        byte[] sealed = before.encrypt(account, "12345678");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> before.decrypt(account, sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterRotationOldCiphertextsStillDecryptAndAreFoundForReEncryption() {
        byte[] old = before.encrypt(account, "GB33BUKB20201555555555");
        assertThat(after.needsRotation(old)).isTrue();
        assertThat(after.decrypt(account, old)).isEqualTo("GB33BUKB20201555555555");
        byte[] renewed = after.encrypt(account, after.decrypt(account, old));
        assertThat(after.needsRotation(renewed)).isFalse();
        assertThat(AccountNumberCipher.keyIdOf(renewed)).isEqualTo("k2026");
        // a retired key no longer listed cannot read what it made
        assertThatThrownBy(() -> before.decrypt(account, renewed)).hasMessageContaining("k2026");
    }

    @Test
    void theBlindIndexMatchesAnyWritingOfTheSameNumberForOnePersonOnly() {
        UUID amina = UUID.randomUUID();
        UUID brian = UUID.randomUUID();
        assertThat(before.blindIndex(amina, "0110 2345 6789")).isEqualTo(before.blindIndex(amina, "011023456789"))
                .isEqualTo(after.blindIndex(amina, "0110-2345-6789"));
        assertThat(before.blindIndex(amina, "011023456789")).isNotEqualTo(before.blindIndex(brian, "011023456789"))
                .isNotEqualTo(before.blindIndex(amina, "011023456788"));
    }

    @Test
    void onlyTheLastFourCharactersAreShown() {
        assertThat(AccountNumberCipher.last4("gb33 bukb 2020 1555 5555 55")).isEqualTo("5555");
        assertThat(AccountNumberCipher.last4("12")).isEqualTo("12");
    }

    @Test
    void badKeysAreRefusedAtStart() {
        assertThatThrownBy(() -> AccountNumberCipher.fromConfiguration("k1", "k1=c2hvcnQ=", INDEX_KEY))
                .hasMessageContaining("256 bits");
        assertThatThrownBy(() -> AccountNumberCipher.fromConfiguration("k9", "k1=" + OLD_KEY, INDEX_KEY))
                .hasMessageContaining("not listed");
        assertThatThrownBy(() -> AccountNumberCipher.keyIdOf(new byte[] {1, 2, 3}))
                .hasMessageContaining("Not an account-number ciphertext");
    }

    @Test
    void itsDescriptionNamesKeysButNeverTheirMaterial() {
        assertThat(after.toString()).contains("k2026").doesNotContain(NEW_KEY).doesNotContain(OLD_KEY);
    }
}
