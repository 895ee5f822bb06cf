-- Notifications to users: budget alerts and finished imports, by SMS, email and signed webhooks.

-- Which channels a kind of notification uses when the user has said nothing. SMS is on for budget alerts because
-- many users read them on feature phones; a finished import is news for someone who is already in the app, so it
-- does not cost an SMS unless asked for. Webhooks go only to endpoints a user registered, so "on" costs nothing.
CREATE TABLE notification_channel_defaults (
    kind    TEXT    NOT NULL CHECK (kind IN ('BUDGET_ALERT', 'IMPORT_FINISHED')),
    channel TEXT    NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'WEBHOOK')),
    enabled BOOLEAN NOT NULL,
    PRIMARY KEY (kind, channel)
);
INSERT INTO notification_channel_defaults (kind, channel, enabled) VALUES
    ('BUDGET_ALERT', 'SMS', TRUE),
    ('BUDGET_ALERT', 'EMAIL', TRUE),
    ('BUDGET_ALERT', 'WEBHOOK', TRUE),
    ('IMPORT_FINISHED', 'SMS', FALSE),
    ('IMPORT_FINISHED', 'EMAIL', TRUE),
    ('IMPORT_FINISHED', 'WEBHOOK', TRUE);

-- A user's own choice per kind and channel; a missing row means the default above.
CREATE TABLE notification_preferences (
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT        NOT NULL,
    channel    TEXT        NOT NULL,
    enabled    BOOLEAN     NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, kind, channel),
    FOREIGN KEY (kind, channel) REFERENCES notification_channel_defaults (kind, channel)
);

-- URLs users registered to receive notifications as signed JSON. The signing secret is kept as issued because every
-- delivery is signed with it (HMAC-SHA256); only the notification sender reads it, and it is never logged.
CREATE TABLE webhook_endpoints (
    id             UUID PRIMARY KEY,
    user_id        UUID        NOT NULL REFERENCES users (id),
    url            TEXT        NOT NULL CHECK (url ~* '^https?://'),
    signing_secret TEXT        NOT NULL CHECK (length(signing_secret) >= 32),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at     TIMESTAMPTZ
);
CREATE INDEX webhook_endpoints_user_idx ON webhook_endpoints (user_id) WHERE deleted_at IS NULL;

-- One row per thing a user is told about, with its texts rendered once, so every retry sends the same words and
-- the same webhook body. The id is deterministic ('budget-alert:' + alertId, 'import-finished:' + job id): a
-- redelivered alert finds its row and plans nothing again.
CREATE TABLE notifications (
    id            TEXT PRIMARY KEY,
    user_id       UUID        NOT NULL,
    kind          TEXT        NOT NULL CHECK (kind IN ('BUDGET_ALERT', 'IMPORT_FINISHED')),
    sms_text      TEXT        NOT NULL CHECK (length(sms_text) <= 160),
    email_subject TEXT        NOT NULL,
    email_text    TEXT        NOT NULL,
    webhook_body  TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at);

-- At most one message per notification and channel (and webhook endpoint), whatever restarts and redeliveries
-- happen: the unique key is claimed before anything is sent. PENDING rows are due at next_attempt_at; SENDING is
-- claimed by a sender; SENT, SKIPPED (channel not configured, no address) and FAILED (dead-lettered) are final.
CREATE TABLE notification_deliveries (
    id              UUID PRIMARY KEY,
    notification_id TEXT        NOT NULL REFERENCES notifications (id),
    user_id         UUID        NOT NULL,
    channel         TEXT        NOT NULL CHECK (channel IN ('SMS', 'EMAIL', 'WEBHOOK')),
    endpoint_id     UUID REFERENCES webhook_endpoints (id),
    status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'SKIPPED', 'FAILED')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    last_error      TEXT,
    sent_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT notification_deliveries_once UNIQUE NULLS NOT DISTINCT (notification_id, channel, endpoint_id),
    CONSTRAINT notification_deliveries_endpoint CHECK ((channel = 'WEBHOOK') = (endpoint_id IS NOT NULL))
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_deliveries_sending_idx ON notification_deliveries (updated_at) WHERE status = 'SENDING';
CREATE INDEX notification_deliveries_user_idx ON notification_deliveries (user_id, created_at);

-- Finished imports are found by polling: this keeps that poll to the recent ones.
CREATE INDEX import_jobs_finished_idx ON import_jobs (finished_at) WHERE finished_at IS NOT NULL;
