package com.personifi.connectors.notify;

/** What a notification is about; preferences are per kind and channel. */
enum NotificationKind {

    BUDGET_ALERT("budget-alert", "budget.alert"),
    IMPORT_FINISHED("import-finished", "import.finished");

    private final String idPrefix;
    private final String webhookType;

    NotificationKind(String idPrefix, String webhookType) {
        this.idPrefix = idPrefix;
        this.webhookType = webhookType;
    }

    /** Notification ids are derived from what they announce, so a second sighting finds the first. */
    String notificationId(String subjectId) {
        return idPrefix + ":" + subjectId;
    }

    /** The {@code type} of the webhook body. */
    String webhookType() {
        return webhookType;
    }
}
