package com.personifi.ingest.job;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Finds which of a user's accounts a statement inside a file belongs to, by the last digits of its number. */
@Repository
public class AccountDirectory {

    private final JdbcClient jdbc;

    public AccountDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's one live account whose number ends in these four characters; empty when none or several do. */
    public Optional<UUID> byLast4(UUID userId, String last4) {
        List<UUID> found = jdbc.sql("""
                SELECT id FROM accounts WHERE user_id = ? AND number_last4 = ? AND deleted_at IS NULL""")
                .params(userId, last4).query(UUID.class).list();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
