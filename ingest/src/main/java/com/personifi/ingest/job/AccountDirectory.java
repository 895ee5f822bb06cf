package com.personifi.ingest.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.personifi.schemas.accounts.AccountNumberCipher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds which of a user's accounts a statement inside a file belongs to: by its whole number (through the blind
 * index, never decrypting), or failing that by the last digits of its number.
 */
@Repository
public class AccountDirectory {

    private final JdbcClient jdbc;
    private final ObjectProvider<AccountNumberCipher> numbers;

    public AccountDirectory(JdbcClient jdbc, ObjectProvider<AccountNumberCipher> numbers) {
        this.jdbc = jdbc;
        this.numbers = numbers;
    }

    /** The user's one live account with exactly this number, however it is written; empty when none or several. */
    public Optional<UUID> byNumber(UUID userId, String number) {
        AccountNumberCipher cipher = numbers.getIfAvailable();
        if (cipher == null || AccountNumberCipher.normalize(number).isEmpty()) {
            return Optional.empty();
        }
        // the index under the current key, or under one being retired while stored indexes are remade
        List<byte[]> indexes = cipher.blindIndexes(userId, number);
        List<Object> params = new ArrayList<>(indexes.size() + 1);
        params.add(userId);
        params.addAll(indexes);
        List<UUID> found = jdbc.sql("SELECT id FROM accounts WHERE user_id = ? AND deleted_at IS NULL"
                        + " AND number_blind_index IN (" + String.join(", ", Collections.nCopies(indexes.size(), "?"))
                        + ")")
                .params(params).query(UUID.class).list();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** The user's one live account whose number ends in these four characters; empty when none or several do. */
    public Optional<UUID> byLast4(UUID userId, String last4) {
        List<UUID> found = jdbc.sql("""
                SELECT id FROM accounts WHERE user_id = ? AND number_last4 = ? AND deleted_at IS NULL""")
                .params(userId, last4).query(UUID.class).list();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
