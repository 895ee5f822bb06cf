package com.personifi.api.webhooks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The user's registered webhook URLs. The signing secret is written once here and never read back: only the
 * notification sender in {@code connectors} reads it, to sign deliveries.
 */
@Repository
class RegisteredWebhooks {

    /** An endpoint as its owner sees it, without its secret. */
    record Endpoint(UUID id, String url, Instant createdAt) {
    }

    private static final RowMapper<Endpoint> ROW = (rs, n) -> new Endpoint(rs.getObject("id", UUID.class),
            rs.getString("url"), rs.getObject("created_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    RegisteredWebhooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Endpoint register(UUID userId, String url, String signingSecret) {
        UUID id = TransactionIds.newId();
        return jdbc.sql("""
                        INSERT INTO webhook_endpoints (id, user_id, url, signing_secret) VALUES (?, ?, ?, ?)
                        RETURNING id, url, created_at""")
                .params(id, userId, url, signingSecret)
                .query(ROW).single();
    }

    List<Endpoint> live(UUID userId) {
        return jdbc.sql("""
                        SELECT id, url, created_at FROM webhook_endpoints
                        WHERE user_id = ? AND deleted_at IS NULL ORDER BY created_at, id""")
                .param(userId).query(ROW).list();
    }

    Optional<Endpoint> find(UUID userId, UUID id) {
        return jdbc.sql("""
                        SELECT id, url, created_at FROM webhook_endpoints
                        WHERE user_id = ? AND id = ? AND deleted_at IS NULL""")
                .params(userId, id).query(ROW).optional();
    }

    int countLive(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE user_id = ? AND deleted_at IS NULL")
                .param(userId).query(Integer.class).single();
    }

    /**
     * Soft delete: deliveries already planned for it refer to the row, and find it removed when their turn comes.
     *
     * @return whether the user had such an endpoint
     */
    boolean remove(UUID userId, UUID id) {
        return jdbc.sql("""
                        UPDATE webhook_endpoints SET deleted_at = now(), updated_at = now()
                        WHERE user_id = ? AND id = ? AND deleted_at IS NULL""")
                .params(userId, id).update() == 1;
    }
}
