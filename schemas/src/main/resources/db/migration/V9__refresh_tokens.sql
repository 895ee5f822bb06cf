-- Refresh tokens: only a SHA-256 of each token is kept, so a database leak gives no usable token. Every token
-- belongs to the family started at sign-in; each refresh marks the old token used and issues the next one in the
-- family. Presenting a used token again means it was copied: the whole family is revoked.
CREATE TABLE refresh_tokens (
    id         UUID PRIMARY KEY,
    family_id  UUID        NOT NULL,
    user_id    UUID        NOT NULL REFERENCES users (id),
    token_hash BYTEA       NOT NULL UNIQUE,
    issued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expiry_idx ON refresh_tokens (expires_at);
