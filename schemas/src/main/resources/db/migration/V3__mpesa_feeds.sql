-- Daraja callback feeds. A feed pours one user's callbacks into one of their accounts. Only the SHA-256 of the
-- feed's secret URL token is kept: the secret is shown once at creation and, arriving with every callback, is also
-- the HMAC key of signed deliveries, so no key material is stored at all.
CREATE TABLE mpesa_feeds (
    id          UUID PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES users (id),
    account_id  UUID        NOT NULL REFERENCES accounts (id),
    token_hash  BYTEA       NOT NULL CHECK (length(token_hash) = 32),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX mpesa_feeds_user_idx ON mpesa_feeds (user_id) WHERE revoked_at IS NULL;

-- Replay protection: the callback id is the M-Pesa receipt when money moved, else Daraja's CheckoutRequestID or
-- ConversationID.
CREATE TABLE mpesa_callbacks_seen (
    feed_id     UUID        NOT NULL REFERENCES mpesa_feeds (id),
    callback_id TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (feed_id, callback_id)
);
