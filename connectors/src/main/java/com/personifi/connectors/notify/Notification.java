package com.personifi.connectors.notify;

import java.util.Objects;
import java.util.UUID;

/**
 * Something to tell a user, rendered once for every channel: an SMS of at most 160 characters, an email, and the
 * JSON body a webhook receives.
 */
record Notification(String id, UUID userId, NotificationKind kind, String smsText, String emailSubject,
                    String emailText, String webhookBody) {

    static final int SMS_MAX_LENGTH = 160;

    Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        if (smsText.length() > SMS_MAX_LENGTH) {
            throw new IllegalArgumentException("An SMS is at most " + SMS_MAX_LENGTH + " characters: " + smsText);
        }
    }
}
