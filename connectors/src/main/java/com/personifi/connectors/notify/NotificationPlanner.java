package com.personifi.connectors.notify;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides who gets what: records a notification once, with one pending delivery per channel the user wants it on
 * (and per registered webhook endpoint), in one database transaction. Sending is the dispatcher's job.
 */
@Service
class NotificationPlanner {

    private final Deliveries deliveries;
    private final NotificationPreferences preferences;
    private final WebhookEndpoints endpoints;
    private final TransactionTemplate transaction;

    NotificationPlanner(Deliveries deliveries, NotificationPreferences preferences, WebhookEndpoints endpoints,
                        TransactionTemplate transaction) {
        this.deliveries = deliveries;
        this.preferences = preferences;
        this.endpoints = endpoints;
        this.transaction = transaction;
    }

    /** @return whether the notification is new; one seen before plans nothing */
    boolean plan(Notification notification) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            if (!deliveries.record(notification)) {
                return false;
            }
            Set<Channel> channels = preferences.enabledChannels(notification.userId(), notification.kind());
            List<UUID> webhooks = channels.contains(Channel.WEBHOOK) ? endpoints.liveIds(notification.userId())
                    : List.of();
            deliveries.plan(notification, channels, webhooks);
            return true;
        }));
    }
}
