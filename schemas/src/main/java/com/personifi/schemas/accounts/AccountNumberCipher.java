package com.personifi.schemas.accounts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Account numbers at rest: AES-256-GCM with the key id inside the ciphertext, so keys can rotate (old ciphertexts stay
 * readable while their key is listed, and {@link #needsRotation} finds them), and an HMAC-SHA256 blind index so a
 * number can be looked up without being decrypted.
 *
 * <p>Ciphertext layout: version (1 byte, 1), key id length (1 byte), key id (ASCII), nonce (12 bytes), then GCM's
 * ciphertext and 16-byte tag. The account's id is the associated data: a ciphertext copied onto another account does
 * not decrypt. The blind index is per person (their id is in the HMAC), so the same number held by two people gives
 * two unrelated values.
 */
public final class AccountNumberCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;
    private final SecretKey indexKey;
    private final List<SecretKey> previousIndexKeys;
    private final String indexKeyId;

    /**
     * @param currentKeyId the key new ciphertexts are made with; must be among {@code keys}
     * @param keys         every key a stored ciphertext may name, by id
     * @param indexKey     the blind index's HMAC key
     */
    public AccountNumberCipher(String currentKeyId, Map<String, SecretKey> keys, SecretKey indexKey) {
        this(currentKeyId, keys, indexKey, List.of());
    }

    /**
     * @param previousIndexKeys blind-index keys being retired: numbers are still found by indexes made with them
     *                          until every stored index is remade with {@code indexKey}
     */
    public AccountNumberCipher(String currentKeyId, Map<String, SecretKey> keys, SecretKey indexKey,
                               List<SecretKey> previousIndexKeys) {
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("The current account-number key " + currentKeyId + " is not listed");
        }
        for (Map.Entry<String, SecretKey> key : keys.entrySet()) {
            if (key.getKey().isEmpty() || key.getKey().length() > 64 || !key.getKey().matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("An account-number key id must be 1..64 of A-Z a-z 0-9 . _ -");
            }
            if (key.getValue().getEncoded().length != 32) {
                throw new IllegalArgumentException("Account-number key " + key.getKey() + " is not 256 bits");
            }
        }
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
        this.indexKey = indexKey;
        this.previousIndexKeys = List.copyOf(previousIndexKeys);
        this.indexKeyId = fingerprint(indexKey);
    }

    /**
     * From configuration text: {@code keys} is {@code id=base64,id=base64} (32-byte keys), {@code indexKey} base64.
     */
    public static AccountNumberCipher fromConfiguration(String currentKeyId, String keys, String indexKey) {
        return fromConfiguration(currentKeyId, keys, indexKey, null);
    }

    /** As above, with retired blind-index keys, base64 separated by commas (none when null or blank). */
    public static AccountNumberCipher fromConfiguration(String currentKeyId, String keys, String indexKey,
                                                        String previousIndexKeys) {
        List<SecretKey> previous = new ArrayList<>();
        if (previousIndexKeys != null && !previousIndexKeys.isBlank()) {
            for (String key : previousIndexKeys.split(",")) {
                previous.add(new SecretKeySpec(decode(key), "HmacSHA256"));
            }
        }
        Map<String, SecretKey> parsed = new HashMap<>();
        for (String entry : keys.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Account-number keys are id=base64 pairs separated by commas");
            }
            parsed.put(entry.substring(0, equals).strip(), aesKey(entry.substring(equals + 1)));
        }
        return new AccountNumberCipher(currentKeyId.strip(), parsed, new SecretKeySpec(decode(indexKey), "HmacSHA256"),
                previous);
    }

    private static SecretKey aesKey(String base64) {
        return new SecretKeySpec(decode(base64), "AES");
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("An account-number key is not base64", e);
        }
    }

    /** A fresh 256-bit key, base64: for development keys and for operators making one. */
    public static String newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return Base64.getEncoder().encodeToString(generator.generateKey().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    /**
     * The number as it is compared and stored: letters and digits only, upper case, so "1234 5678-90" and
     * "1234567890" are one account.
     */
    public static String normalize(String number) {
        StringBuilder normal = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                normal.append(Character.toUpperCase(c));
            }
        }
        return normal.toString();
    }

    /** The last four characters of the normalized number, the only part ever shown. */
    public static String last4(String number) {
        String normal = normalize(number);
        return normal.length() <= 4 ? normal : normal.substring(normal.length() - 4);
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public byte[] encrypt(UUID accountId, String number) {
        byte[] kid = currentKeyId.getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(accountId));
            byte[] sealed = cipher.doFinal(normalize(number).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(2 + kid.length + NONCE_BYTES + sealed.length)
                    .put(VERSION).put((byte) kid.length).put(kid).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt an account number", e);
        }
    }

    /** The number, normalized; fails if the ciphertext is not this account's or its key is no longer listed. */
    public String decrypt(UUID accountId, byte[] ciphertext) {
        ByteBuffer in = ByteBuffer.wrap(ciphertext);
        String kid = keyIdOf(ciphertext);
        SecretKey key = keys.get(kid);
        if (key == null) {
            throw new IllegalStateException("Account-number key " + kid + " is not configured");
        }
        in.position(2 + kid.length());
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(accountId));
            byte[] plain = cipher.doFinal(ciphertext, in.position(), in.remaining());
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An account number does not decrypt for its account", e);
        }
    }

    /** The id of the key a ciphertext was made with. */
    public static String keyIdOf(byte[] ciphertext) {
        if (ciphertext.length < 2 + 1 + NONCE_BYTES + TAG_BITS / 8 || ciphertext[0] != VERSION || ciphertext[1] <= 0
                || ciphertext.length < 2 + ciphertext[1] + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("Not an account-number ciphertext");
        }
        return new String(ciphertext, 2, ciphertext[1], StandardCharsets.US_ASCII);
    }

    /** Whether a ciphertext was made with a key other than the current one. */
    public boolean needsRotation(byte[] ciphertext) {
        return !keyIdOf(ciphertext).equals(currentKeyId);
    }

    /**
     * Names the current blind-index key without revealing it (the first 8 bytes of a SHA-256 over it, hex), stored
     * beside each index so indexes made with another key are found and remade.
     */
    public String indexKeyId() {
        return indexKeyId;
    }

    /** The person's blind index of a number: equal numbers give equal values, and nothing else can be read from it. */
    public byte[] blindIndex(UUID userId, String number) {
        return blindIndex(indexKey, userId, number);
    }

    /** The number's blind index under the current key, then under each key being retired: what a stored one may be. */
    public List<byte[]> blindIndexes(UUID userId, String number) {
        List<byte[]> indexes = new ArrayList<>(1 + previousIndexKeys.size());
        indexes.add(blindIndex(indexKey, userId, number));
        for (SecretKey previous : previousIndexKeys) {
            indexes.add(blindIndex(previous, userId, number));
        }
        return indexes;
    }

    private static byte[] blindIndex(SecretKey key, UUID userId, String number) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(userId.toString().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return mac.doFinal(normalize(number).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute an account number's blind index", e);
        }
    }

    /**
     * A keyed digest of a request kept to recognise it again (an idempotency key's request), which may carry an
     * account number: a plain hash of it could be matched against every possible number by whoever reads the
     * database. Keyed with the current blind-index key, apart from the indexes by its own label.
     */
    public byte[] requestFingerprint(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            mac.update("personifi request fingerprint".getBytes(StandardCharsets.US_ASCII));
            for (byte[] part : parts) {
                mac.update((byte) 0);
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute a request fingerprint", e);
        }
    }

    private static String fingerprint(SecretKey key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("personifi account-number index key".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] associatedData(UUID accountId) {
        return accountId.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        // never the keys
        return "AccountNumberCipher[current=" + currentKeyId + ", keys=" + keys.keySet() + ", index=" + indexKeyId
                + ", retiring index keys=" + previousIndexKeys.size() + "]";
    }
}
