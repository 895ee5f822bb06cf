package com.personifi.connectors.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Notifications and their deliveries in PostgreSQL: the record that makes "at most one message per notification and
 * channel" hold across restarts and redeliveries, and the queue retries are scheduled from.
 */
@Repository
class Deliveries {

    private static final String DELIVERY_WITH_NOTIFICATION = """
            SELECT d.id, d.channel, d.endpoint_id, d.attempts, n.id AS notification_id, n.user_id, n.kind, n.sms_text,
                   n.email_subject, n.email_text, n.webhook_body
            FROM %s d JOIN notifications n ON n.id = d.notification_id""";

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the notification; false when it was recorded before (a redelivered alert, a second instance). */
    boolean record(Notification n) {
        return jdbc.sql("""
                INSERT INTO notifications (id, user_id, kind, sms_text, email_subject, email_text, webhook_body)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(n.id(), n.userId(), n.kind().name(), n.smsText(), n.emailSubject(), n.emailText(),
                        n.webhookBody())
                .update() == 1;
    }

    /** One pending delivery per channel, and per endpoint for webhooks, due at once. */
    void plan(Notification n, Collection<Channel> channels, Collection<UUID> webhookEndpoints) {
        for (Channel channel : channels) {
            if (channel != Channel.WEBHOOK) {
                insert(n, channel, null);
            }
        }
        if (channels.contains(Channel.WEBHOOK)) {
            webhookEndpoints.forEach(endpoint -> insert(n, Channel.WEBHOOK, endpoint));
        }
    }

    private void insert(Notification n, Channel channel, UUID endpointId) {
        jdbc.sql("""
                INSERT INTO notification_deliveries (id, notification_id, user_id, channel, endpoint_id, status,
                                                     next_attempt_at)
                VALUES (?, ?, ?, ?, ?, 'PENDING', now())
                ON CONFLICT ON CONSTRAINT notification_deliveries_once DO NOTHING""")
                .params(TransactionIds.newId(), n.id(), n.userId(), channel.name(), endpointId)
                .update();
    }

    /**
     * Claims up to {@code limit} due deliveries for this process and counts the attempt. Locked rows are skipped,
     * so several connector processes share the work without sending anything twice.
     */
    List<Delivery> claimDue(int limit) {
        return jdbc.sql("""
                WITH claimed AS (
                    UPDATE notification_deliveries SET status = 'SENDING', attempts = attempts + 1, updated_at = now()
                    WHERE id IN (SELECT id FROM notification_deliveries
                                 WHERE status = 'PENDING' AND next_attempt_at <= now()
                                 ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING *)
                """ + DELIVERY_WITH_NOTIFICATION.formatted("claimed"))
                .param(limit)
                .query((rs, n) -> delivery(rs)).list();
    }

    /**
     * Deliveries claimed longer ago than the lease, whose sender stopped mid-send: the message may be out, so they
     * are failed rather than sent again.
     */
    List<Delivery> failAbandoned(Duration lease, String reason) {
        return jdbc.sql("""
                WITH abandoned AS (
                    UPDATE notification_deliveries SET status = 'FAILED', last_error = ?, next_attempt_at = NULL,
                           updated_at = now()
                    WHERE status = 'SENDING' AND updated_at < now() - ? * interval '1 millisecond'
                    RETURNING *)
                """ + DELIVERY_WITH_NOTIFICATION.formatted("abandoned"))
                .params(reason, lease.toMillis())
                .query((rs, n) -> delivery(rs)).list();
    }

    void sent(UUID id) {
        finish(id, "SENT", null);
    }

    void skipped(UUID id, String reason) {
        finish(id, "SKIPPED", reason);
    }

    void failed(UUID id, String reason) {
        finish(id, "FAILED", reason);
    }

    void retryAfter(UUID id, String reason, Duration delay) {
        jdbc.sql("""
                UPDATE notification_deliveries SET status = 'PENDING', last_error = ?,
                       next_attempt_at = now() + ? * interval '1 millisecond', updated_at = now()
                WHERE id = ?""")
                .params(reason, delay.toMillis(), id).update();
    }

    private void finish(UUID id, String status, String reason) {
        jdbc.sql("""
                UPDATE notification_deliveries SET status = ?, last_error = ?, next_attempt_at = NULL,
                       sent_at = CASE WHEN ? = 'SENT' THEN now() END, updated_at = now()
                WHERE id = ?""")
                .params(status, reason, status, id).update();
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        Notification notification = new Notification(rs.getString("notification_id"),
                rs.getObject("user_id", UUID.class), NotificationKind.valueOf(rs.getString("kind")),
                rs.getString("sms_text"), rs.getString("email_subject"), rs.getString("email_text"),
                rs.getString("webhook_body"));
        return new Delivery(rs.getObject("id", UUID.class), notification, Channel.valueOf(rs.getString("channel")),
                rs.getObject("endpoint_id", UUID.class), rs.getInt("attempts"));
    }
}
