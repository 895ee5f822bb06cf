-- Idempotency-Key on POST: a client that lost an answer sends the same request again with the same key and gets
-- the first answer back instead of a second payment, account or webhook. One row per user and key, claimed before
-- the request runs (the primary key lets only one of two concurrent requests in), then holding the answer.
CREATE TABLE idempotency_keys (
    user_id         UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idempotency_key TEXT        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    -- SHA-256 of method, path with query, and body: the same key with another request is refused, not replayed
    fingerprint     BYTEA       NOT NULL,
    -- all NULL while the first request is still running
    response_status INT,
    content_type    TEXT,
    location        TEXT,
    body            BYTEA,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- while running: a short lease, so a request whose process died frees its key; once answered: 24 hours
    expires_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);
