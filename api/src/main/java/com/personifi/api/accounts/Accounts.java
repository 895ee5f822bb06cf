package com.personifi.api.accounts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A user's accounts. Every query takes the owner's id: another user's account is simply not found. */
@Repository
public class Accounts {

    public record Account(UUID id, String name, String type, String provider, String currency) {
    }

    private final JdbcClient jdbc;

    public Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID create(UUID userId, String name, String type, String provider, String currency) {
        UUID id = TransactionIds.newId();
        jdbc.sql("INSERT INTO accounts (id, user_id, name, type, provider, currency) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, userId, name, type, provider, currency).update();
        return id;
    }

    public List<Account> of(UUID userId) {
        return jdbc.sql("""
                SELECT id, name, type, provider, currency FROM accounts
                WHERE user_id = ? AND deleted_at IS NULL ORDER BY created_at, id""")
                .param(userId).query(Account.class).list();
    }

    public Optional<Account> find(UUID userId, UUID accountId) {
        return jdbc.sql("""
                SELECT id, name, type, provider, currency FROM accounts
                WHERE user_id = ? AND id = ? AND deleted_at IS NULL""")
                .params(userId, accountId).query(Account.class).optional();
    }

    /** Several of the user's accounts in one query, for GraphQL's batched loading. */
    public List<Account> byIds(UUID userId, java.util.Collection<UUID> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT id, name, type, provider, currency FROM accounts
                WHERE user_id = ? AND id = ANY(?)""")
                .params(userId, accountIds.toArray(UUID[]::new)).query(Account.class).list();
    }
}
