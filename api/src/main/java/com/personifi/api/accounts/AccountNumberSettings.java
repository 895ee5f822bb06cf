package com.personifi.api.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys for account numbers at rest ({@code personifi.accounts.*}), from the environment:
 * {@code PERSONIFI_ACCOUNTS_NUMBER_KEYS} ({@code id=base64,…}, 256-bit AES keys: the current one and every retired one
 * still named by a stored ciphertext), {@code PERSONIFI_ACCOUNTS_NUMBER_KEY_ID} (the current one) and
 * {@code PERSONIFI_ACCOUNTS_NUMBER_INDEX_KEY} (the blind index's HMAC key, base64). To rotate, add a new key, make it
 * current and restart: stored numbers are re-encrypted under it in the background, after which the old key can go.
 * The index key rotates in two restarts: first list the new key in {@code PERSONIFI_ACCOUNTS_NUMBER_PREVIOUS_INDEX_KEYS}
 * (base64, comma-separated) on every instance, so lookups know it; then make it {@code PERSONIFI_ACCOUNTS_NUMBER_INDEX_KEY}
 * and list the old one there instead. Stored indexes are remade under the new key in the background; once the log says
 * none is left under another, the old key can go.
 * Without keys, the local profile makes development keys once and keeps them in {@code devKeyFile}.
 *
 * @param requireConfiguredKeys true in prod: refuse to start without keys from the environment
 * @param rotateOnStart         re-encrypt and re-index in the background after a start (off only in tests that rotate
 *                              by hand)
 */
@ConfigurationProperties("personifi.accounts")
public record AccountNumberSettings(
        String numberKeyId,
        String numberKeys,
        String numberIndexKey,
        String numberPreviousIndexKeys,
        String devKeyFile,
        @DefaultValue("false") boolean requireConfiguredKeys,
        @DefaultValue("500") int rotationBatchSize,
        @DefaultValue("true") boolean rotateOnStart) {
}
