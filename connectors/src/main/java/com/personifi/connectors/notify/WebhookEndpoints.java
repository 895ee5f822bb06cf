package com.personifi.connectors.notify;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The URLs users registered for webhooks, with the secrets their deliveries are signed with. */
@Repository
class WebhookEndpoints {

    /** A live endpoint. The secret stays out of {@link #toString()}, so it cannot reach a log by accident. */
    record Endpoint(UUID id, UUID userId, String url, String signingSecret) {

        @Override
        public String toString() {
            return "Endpoint[id=" + id + ", userId=" + userId + "]";
        }
    }

    private final JdbcClient jdbc;

    WebhookEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UUID> liveIds(UUID userId) {
        return jdbc.sql("SELECT id FROM webhook_endpoints WHERE user_id = ? AND deleted_at IS NULL ORDER BY created_at")
                .param(userId).query(UUID.class).list();
    }

    /** The endpoint if it is still registered; one removed since the notification was planned gets nothing. */
    Optional<Endpoint> live(UUID id) {
        return jdbc.sql("SELECT id, user_id, url, signing_secret FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL")
                .param(id)
                .query((rs, n) -> new Endpoint(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getString("url"), rs.getString("signing_secret")))
                .optional();
    }
}
