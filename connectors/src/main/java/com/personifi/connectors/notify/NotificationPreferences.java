package com.personifi.connectors.notify;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The channels a user wants a kind of notification on: their own choice, else the default for that kind. */
@Repository
class NotificationPreferences {

    private final JdbcClient jdbc;

    NotificationPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty for a user who does not exist or was deleted. */
    Set<Channel> enabledChannels(UUID userId, NotificationKind kind) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        jdbc.sql("""
                SELECT d.channel FROM notification_channel_defaults d
                JOIN users u ON u.id = ? AND u.deleted_at IS NULL
                LEFT JOIN notification_preferences p
                       ON p.user_id = u.id AND p.kind = d.kind AND p.channel = d.channel
                WHERE d.kind = ? AND COALESCE(p.enabled, d.enabled)""")
                .params(userId, kind.name())
                .query(String.class).list()
                .forEach(channel -> channels.add(Channel.valueOf(channel)));
        return channels;
    }
}
