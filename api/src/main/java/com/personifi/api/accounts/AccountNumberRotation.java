package com.personifi.api.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.personifi.schemas.accounts.AccountNumberCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Re-encrypts stored account numbers made with a key other than the current one, and remakes blind indexes made with
 * another index key, after a start with a new key. Batch by batch, each row changed only if it still holds the
 * ciphertext that was read, so instances rotating at once, or a person changing the number meanwhile, lose nothing.
 */
@Component
public class AccountNumberRotation {

    private static final Logger LOG = LoggerFactory.getLogger(AccountNumberRotation.class);

    private record Stored(UUID id, UUID userId, byte[] numberCiphertext) {
    }

    private final JdbcClient jdbc;
    private final AccountNumberCipher numbers;
    private final AccountNumberSettings settings;

    public AccountNumberRotation(JdbcClient jdbc, AccountNumberCipher numbers, AccountNumberSettings settings) {
        this.jdbc = jdbc;
        this.numbers = numbers;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void afterStart() {
        if (!settings.rotateOnStart()) {
            return;
        }
        // in the background: a large table must not hold up the start
        Thread rotation = new Thread(this::rotateNow, "account-number-rotation");
        rotation.setDaemon(true);
        rotation.start();
    }

    private void rotateNow() {
        try {
            long renewed = rotate(numbers);
            if (renewed > 0) {
                LOG.info("Re-encrypted {} account numbers under key {}", renewed, numbers.currentKeyId());
            }
            long reindexed = reindex(numbers);
            if (reindexed > 0) {
                LOG.info("Remade {} account-number indexes under index key {}", reindexed, numbers.indexKeyId());
            }
            long left = jdbc.sql("SELECT count(*) FROM accounts WHERE number_ciphertext IS NOT NULL"
                            + " AND number_index_key IS DISTINCT FROM ?")
                    .param(numbers.indexKeyId()).query(Long.class).single();
            if (left > 0) {
                // numbers this instance cannot read, or changed while it worked: the old index key must stay listed
                LOG.warn("{} account-number indexes are still under another index key than {}; keep the previous "
                        + "index keys listed until none is", left, numbers.indexKeyId());
            } else if (reindexed > 0) {
                LOG.info("Every account-number index is under index key {}: previous index keys can be dropped",
                        numbers.indexKeyId());
            }
        } catch (RuntimeException e) {
            LOG.error("Account numbers could not all be re-encrypted under key {} and re-indexed under {}; the next "
                    + "start tries again", numbers.currentKeyId(), numbers.indexKeyId(), e);
        }
    }

    /**
     * Remakes every blind index not made with {@code cipher}'s current index key (or made before indexes named
     * theirs); returns how many were. Each row changes only if its number is still the one that was read.
     */
    public long reindex(AccountNumberCipher cipher) {
        return eachNumber(cipher, "number_index_key IS DISTINCT FROM ?", List.<Object>of(cipher.indexKeyId()), "index",
                (row, number) -> jdbc.sql("""
                                UPDATE accounts SET number_blind_index = ?, number_index_key = ?
                                WHERE id = ? AND number_ciphertext = ?""")
                        .params(cipher.blindIndex(row.userId(), number), cipher.indexKeyId(), row.id(),
                                row.numberCiphertext())
                        .update());
    }

    /** Re-encrypts every number not yet under {@code cipher}'s current key; returns how many were. */
    public long rotate(AccountNumberCipher cipher) {
        // the key id is at a fixed place in the ciphertext: version byte, length byte, then the id
        byte[] current = cipher.currentKeyId().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return eachNumber(cipher, "substring(number_ciphertext FROM 2 FOR ?) <> ?",
                List.<Object>of(1 + current.length, withLength(current)), "number",
                (row, number) -> jdbc.sql(
                                "UPDATE accounts SET number_ciphertext = ? WHERE id = ? AND number_ciphertext = ?")
                        .params(cipher.encrypt(row.id(), number), row.id(), row.numberCiphertext()).update());
    }

    /** What to do with one account's number, read back: the rows it changed. */
    private interface NumberChange {
        int apply(Stored row, String number);
    }

    /**
     * Goes through the accounts with a number that {@code condition} picks, batch by batch in id order, and applies
     * {@code change} to each number that decrypts; returns the rows changed. A number that does not decrypt (its key is
     * no longer listed, or it was damaged) is left as it is and the others still move on.
     */
    private long eachNumber(AccountNumberCipher cipher, String condition, List<Object> conditionParams, String what,
                            NumberChange change) {
        long changed = 0;
        UUID after = new UUID(0, 0); // PostgreSQL orders UUIDs by their bytes, unsigned
        while (true) {
            List<Object> params = new ArrayList<>();
            params.add(after);
            params.addAll(conditionParams);
            params.add(settings.rotationBatchSize());
            List<Stored> batch = jdbc.sql("SELECT id, user_id, number_ciphertext FROM accounts"
                            + " WHERE number_ciphertext IS NOT NULL AND id > ? AND " + condition
                            + " ORDER BY id LIMIT ?")
                    .params(params).query(Stored.class).list();
            if (batch.isEmpty()) {
                return changed;
            }
            for (Stored row : batch) {
                String number;
                try {
                    number = cipher.decrypt(row.id(), row.numberCiphertext());
                } catch (IllegalStateException e) {
                    LOG.warn("Account {}: {} left as it is: {}", row.id(), what, e.getMessage());
                    continue;
                }
                changed += change.apply(row, number);
            }
            after = batch.get(batch.size() - 1).id();
        }
    }

    private static byte[] withLength(byte[] keyId) {
        byte[] prefix = new byte[keyId.length + 1];
        prefix[0] = (byte) keyId.length;
        System.arraycopy(keyId, 0, prefix, 1, keyId.length);
        return prefix;
    }
}
