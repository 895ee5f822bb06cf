-- How each bank lays out its CSV export, saved once by a user and reused for every file from that bank: an upload
-- in no built-in format is read with the user's profile whose header it carries.
CREATE TABLE bank_csv_profiles (
    id         UUID PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES users (id),
    name       TEXT        NOT NULL,
    profile    JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX bank_csv_profiles_name_idx ON bank_csv_profiles (user_id, lower(name)) WHERE deleted_at IS NULL;
