package com.personifi.api.me;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which channels a user wants each kind of notification on: their own row in {@code notification_preferences}, else
 * the platform's default from {@code notification_channel_defaults} (the same rule the notification planner uses).
 */
@Repository
class NotificationChoices {

    /**
     * @param userChoice whether the user set this one; false means it follows the platform's default
     */
    record Preference(String kind, String channel, boolean enabled, boolean userChoice) {
    }

    private final JdbcClient jdbc;

    NotificationChoices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every kind × channel there is, in a stable order. */
    List<Preference> effective(UUID userId) {
        return jdbc.sql("""
                        SELECT d.kind, d.channel, COALESCE(p.enabled, d.enabled) AS enabled,
                               p.enabled IS NOT NULL AS user_choice
                        FROM notification_channel_defaults d
                        LEFT JOIN notification_preferences p
                               ON p.user_id = ? AND p.kind = d.kind AND p.channel = d.channel
                        ORDER BY d.kind, d.channel""")
                .param(userId)
                .query((rs, n) -> new Preference(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getBoolean(4)))
                .list();
    }

    void set(UUID userId, String kind, String channel, boolean enabled) {
        jdbc.sql("""
                        INSERT INTO notification_preferences (user_id, kind, channel, enabled) VALUES (?, ?, ?, ?)
                        ON CONFLICT (user_id, kind, channel) DO UPDATE SET enabled = EXCLUDED.enabled,
                            updated_at = now()""")
                .params(userId, kind, channel, enabled)
                .update();
    }
}
