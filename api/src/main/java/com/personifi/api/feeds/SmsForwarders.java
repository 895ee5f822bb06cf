package com.personifi.api.feeds;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Phones forwarding a user's confirmation SMS. Writes and lists are scoped to the owner; the intake finds a forwarder
 * by its id, before any user is known, and then checks the secret.
 */
@Repository
class SmsForwarders {

    /** As the owner sees it: never its secret. */
    record Forwarder(UUID id, String name, Instant createdAt, Instant lastUsedAt) {
    }

    /** A forwarder that may post: whose it is and the hash to check the secret against. */
    record LiveForwarder(UUID id, UUID userId, byte[] tokenHash) {
    }

    private final JdbcClient jdbc;

    SmsForwarders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID create(UUID userId, String name, byte[] tokenHash) {
        UUID id = TransactionIds.newId();
        jdbc.sql("INSERT INTO sms_forwarders (id, user_id, name, token_hash) VALUES (?, ?, ?, ?)")
                .params(id, userId, name, tokenHash).update();
        return id;
    }

    List<Forwarder> of(UUID userId) {
        return jdbc.sql("""
                        SELECT id, name, created_at, last_used_at FROM sms_forwarders
                        WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at, id""")
                .param(userId).query(Forwarder.class).list();
    }

    Optional<LiveForwarder> live(UUID forwarderId) {
        return jdbc.sql("SELECT id, user_id, token_hash FROM sms_forwarders WHERE id = ? AND revoked_at IS NULL")
                .param(forwarderId).query(LiveForwarder.class).optional();
    }

    /** At most once a minute, so a busy phone does not write on every message. */
    void used(UUID userId, UUID forwarderId) {
        jdbc.sql("""
                        UPDATE sms_forwarders SET last_used_at = now() WHERE id = ? AND user_id = ?
                            AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
                .params(forwarderId, userId).update();
    }

    boolean revoke(UUID userId, UUID forwarderId) {
        return jdbc.sql("""
                        UPDATE sms_forwarders SET revoked_at = now()
                        WHERE id = ? AND user_id = ? AND revoked_at IS NULL""")
                .params(forwarderId, userId).update() == 1;
    }
}
