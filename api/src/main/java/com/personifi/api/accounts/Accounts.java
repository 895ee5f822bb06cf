package com.personifi.api.accounts;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.personifi.api.audit.AuditLog;
import com.personifi.api.dashboard.UserDataVersions;
import com.personifi.schemas.accounts.AccountNumberCipher;
import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's accounts. Every query takes the owner's id: another user's account is simply not found. Account numbers
 * are stored encrypted with a blind index and their last four characters; only the masked form ever leaves.
 */
@Repository
public class Accounts {

    /** @param maskedNumber {@code ****1234}, or null when no number is on file */
    public record Account(UUID id, String name, String type, String provider, String currency, String maskedNumber) {
    }

    /** A change to an account; a null field is left as it is, an empty number removes the number on file. */
    public record Change(String name, String provider, String number) {
    }

    private static final String COLUMNS = """
            id, name, type, provider, currency,
            CASE WHEN number_last4 IS NULL THEN NULL ELSE '****' || number_last4 END AS masked_number""";

    private final JdbcClient jdbc;
    private final AccountNumberCipher numbers;
    private final AuditLog audit;
    private final UserDataVersions versions;

    public Accounts(JdbcClient jdbc, AccountNumberCipher numbers, AuditLog audit, UserDataVersions versions) {
        this.jdbc = jdbc;
        this.numbers = numbers;
        this.audit = audit;
        this.versions = versions;
    }

    @Transactional
    public UUID create(UUID userId, String name, String type, String provider, String currency) {
        return create(userId, name, type, provider, currency, null);
    }

    @Transactional
    public UUID create(UUID userId, String name, String type, String provider, String currency, String number) {
        UUID id = TransactionIds.newId();
        jdbc.sql("INSERT INTO accounts (id, user_id, name, type, provider, currency) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, userId, name, type, provider, currency).update();
        if (number != null) {
            storeNumber(userId, id, number);
        }
        audit.record(userId, "account", id, "create", null, snapshot(find(userId, id).orElseThrow()));
        return id;
    }

    public List<Account> of(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE user_id = ? AND deleted_at IS NULL"
                        + " ORDER BY created_at, id")
                .param(userId).query(Account.class).list();
    }

    public Optional<Account> find(UUID userId, UUID accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE user_id = ? AND id = ? AND deleted_at IS NULL")
                .params(userId, accountId).query(Account.class).optional();
    }

    /** Several of the user's accounts in one query, for GraphQL's batched loading (deleted ones too: history). */
    public List<Account> byIds(UUID userId, Collection<UUID> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE user_id = ? AND id = ANY(?)")
                .params(userId, accountIds.toArray(UUID[]::new)).query(Account.class).list();
    }

    @Transactional
    public Optional<Account> change(UUID userId, UUID accountId, Change change) {
        Optional<Account> before = jdbc.sql("SELECT " + COLUMNS + " FROM accounts"
                        + " WHERE user_id = ? AND id = ? AND deleted_at IS NULL FOR UPDATE")
                .params(userId, accountId).query(Account.class).optional();
        if (before.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("""
                        UPDATE accounts SET name = coalesce(?, name), provider = coalesce(?, provider), updated_at = now()
                        WHERE user_id = ? AND id = ?""")
                .params(change.name(), change.provider(), userId, accountId).update();
        if (change.number() != null) {
            if (change.number().isEmpty()) {
                jdbc.sql("""
                                UPDATE accounts SET number_ciphertext = NULL, number_blind_index = NULL,
                                    number_index_key = NULL, number_last4 = NULL WHERE user_id = ? AND id = ?""")
                        .params(userId, accountId).update();
            } else {
                storeNumber(userId, accountId, change.number());
            }
        }
        Account after = find(userId, accountId).orElseThrow();
        audit.record(userId, "account", accountId, "update", snapshot(before.get()), snapshot(after));
        // net worth and currency exposure name the account
        versions.changedAfterCommit(userId);
        return Optional.of(after);
    }

    /** Soft delete: the account's transactions stay in the ledger and the account can be restored. */
    @Transactional
    public boolean delete(UUID userId, UUID accountId) {
        Optional<Account> before = find(userId, accountId);
        if (before.isEmpty()) {
            return false;
        }
        jdbc.sql("UPDATE accounts SET deleted_at = now(), updated_at = now() WHERE user_id = ? AND id = ?")
                .params(userId, accountId).update();
        audit.record(userId, "account", accountId, "delete", snapshot(before.get()), null);
        versions.changedAfterCommit(userId);
        return true;
    }

    @Transactional
    public Optional<Account> restore(UUID userId, UUID accountId) {
        int restored = jdbc.sql("""
                        UPDATE accounts SET deleted_at = NULL, updated_at = now()
                        WHERE user_id = ? AND id = ? AND deleted_at IS NOT NULL""")
                .params(userId, accountId).update();
        Optional<Account> after = find(userId, accountId);
        if (restored == 1) {
            audit.record(userId, "account", accountId, "restore", null, snapshot(after.orElseThrow()));
            versions.changedAfterCommit(userId);
        }
        return after;
    }

    private void storeNumber(UUID userId, UUID accountId, String number) {
        jdbc.sql("""
                        UPDATE accounts SET number_ciphertext = ?, number_blind_index = ?, number_index_key = ?,
                            number_last4 = ?, updated_at = now()
                        WHERE user_id = ? AND id = ?""")
                .params(numbers.encrypt(accountId, number), numbers.blindIndex(userId, number), numbers.indexKeyId(),
                        AccountNumberCipher.last4(number), userId, accountId)
                .update();
    }

    /** What the audit log keeps of an account: never more of the number than is shown. */
    private static Map<String, Object> snapshot(Account account) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("name", account.name());
        snapshot.put("type", account.type());
        snapshot.put("provider", account.provider());
        snapshot.put("currency", account.currency());
        snapshot.put("maskedNumber", account.maskedNumber());
        return snapshot;
    }
}
