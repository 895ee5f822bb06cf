-- Phones that forward their wallets' confirmation SMS, each posting with a secret of its own. Only the secret's
-- SHA-256 is kept; the intake finds a forwarder by its id before it knows whose it is.
CREATE TABLE sms_forwarders (
    id           UUID PRIMARY KEY,
    user_id      UUID        NOT NULL REFERENCES users (id),
    name         TEXT        NOT NULL,
    token_hash   BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX sms_forwarders_user_idx ON sms_forwarders (user_id, created_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON sms_forwarders TO personifi_user;
ALTER TABLE sms_forwarders ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON sms_forwarders TO personifi_user
    USING (user_id = personifi_current_user()) WITH CHECK (user_id = personifi_current_user());
