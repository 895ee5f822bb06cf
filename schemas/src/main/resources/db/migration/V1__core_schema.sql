-- Core schema. Money is NUMERIC(19,4) with its ISO 4217 currency beside it; ids are UUIDs; rows are soft-deleted.

CREATE TABLE users (
    id              UUID PRIMARY KEY,
    email           TEXT UNIQUE,
    phone           TEXT UNIQUE,
    password_hash   TEXT        NOT NULL,
    display_name    TEXT,
    base_currency   CHAR(3)     NOT NULL DEFAULT 'KES',
    locale          TEXT        NOT NULL DEFAULT 'en-KE',
    time_zone       TEXT        NOT NULL DEFAULT 'Africa/Nairobi',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at      TIMESTAMPTZ,
    CONSTRAINT users_login_present CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

CREATE TABLE accounts (
    id                 UUID PRIMARY KEY,
    user_id            UUID        NOT NULL REFERENCES users (id),
    name               TEXT        NOT NULL,
    type               TEXT        NOT NULL CHECK (type IN ('MOBILE_MONEY', 'BANK', 'CASH', 'CARD', 'CRYPTO', 'SAVINGS', 'LOAN')),
    provider           TEXT,
    currency           CHAR(3)     NOT NULL,
    -- account numbers: AES-256-GCM ciphertext (key id inside), HMAC blind index for lookup, last digits for display
    number_ciphertext  BYTEA,
    number_blind_index BYTEA,
    number_last4       TEXT,
    metadata           JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at         TIMESTAMPTZ
);
CREATE INDEX accounts_user_idx ON accounts (user_id) WHERE deleted_at IS NULL;

-- The read model of the ledger. The JDBC sink is its only writer (upsert by id); no foreign keys, so one record the
-- sink cannot place never blocks the rest of the stream.
CREATE TABLE transactions (
    id                  UUID PRIMARY KEY,
    user_id             UUID          NOT NULL,
    account_id          UUID          NOT NULL,
    source_ref          TEXT          NOT NULL,
    source              TEXT          NOT NULL,
    occurred_at         TIMESTAMPTZ   NOT NULL,
    local_date          DATE          NOT NULL,
    amount              NUMERIC(19,4) NOT NULL,
    currency            CHAR(3)       NOT NULL,
    description         TEXT          NOT NULL,
    counterparty        TEXT,
    merchant_code       TEXT,
    balance             NUMERIC(19,4),
    parent_id           UUID,
    import_job_id       UUID,
    category            TEXT          NOT NULL,
    category_source     TEXT          NOT NULL,
    category_confidence SMALLINT      NOT NULL,
    base_currency       CHAR(3)       NOT NULL,
    amount_in_base      NUMERIC(19,4),
    fx_rate             NUMERIC(24,10),
    fx_rate_date        DATE,
    fx_rate_status      TEXT          NOT NULL,
    notes               TEXT,
    tags                TEXT[]        NOT NULL DEFAULT '{}',
    metadata            JSONB         NOT NULL DEFAULT '{}'::jsonb,
    search              TSVECTOR GENERATED ALWAYS AS (
                            to_tsvector('simple', coalesce(description, '') || ' ' || coalesce(counterparty, ''))) STORED,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    deleted_at          TIMESTAMPTZ,
    CONSTRAINT transactions_source_ref_unique UNIQUE (account_id, source_ref)
);
CREATE INDEX transactions_user_time_idx ON transactions (user_id, occurred_at) WHERE deleted_at IS NULL;
CREATE INDEX transactions_search_idx ON transactions USING GIN (search);
CREATE INDEX transactions_tags_idx ON transactions USING GIN (tags);

-- Built-in categories have no user; a user's own categories carry the user id.
CREATE TABLE categories (
    id          UUID PRIMARY KEY,
    user_id     UUID REFERENCES users (id),
    code        TEXT        NOT NULL,
    parent_code TEXT,
    name        TEXT        NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('INCOME', 'EXPENSE', 'TRANSFER')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX categories_builtin_code_idx ON categories (code) WHERE user_id IS NULL;
CREATE UNIQUE INDEX categories_user_code_idx ON categories (user_id, code) WHERE user_id IS NOT NULL;

CREATE TABLE budgets (
    id          UUID PRIMARY KEY,
    user_id     UUID          NOT NULL REFERENCES users (id),
    category    TEXT          NOT NULL,
    amount      NUMERIC(19,4) NOT NULL CHECK (amount > 0),
    currency    CHAR(3)       NOT NULL,
    period      TEXT          NOT NULL DEFAULT 'MONTHLY' CHECK (period IN ('MONTHLY', 'WEEKLY', 'CUSTOM')),
    start_day   SMALLINT      NOT NULL DEFAULT 1,
    thresholds  INT[]         NOT NULL DEFAULT '{50,80,100}',
    metadata    JSONB         NOT NULL DEFAULT '{}'::jsonb,
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    deleted_at  TIMESTAMPTZ
);
CREATE INDEX budgets_user_idx ON budgets (user_id) WHERE deleted_at IS NULL;

-- One unit of base is worth rate units of quote on rate_date.
CREATE TABLE fx_rates (
    base       CHAR(3)        NOT NULL,
    quote      CHAR(3)        NOT NULL,
    rate_date  DATE           NOT NULL,
    rate       NUMERIC(24,10) NOT NULL CHECK (rate > 0),
    source     TEXT           NOT NULL,
    created_at TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (base, quote, rate_date)
);

CREATE TABLE import_jobs (
    id             UUID PRIMARY KEY,
    user_id        UUID        NOT NULL REFERENCES users (id),
    account_id     UUID        NOT NULL REFERENCES accounts (id),
    file_name      TEXT,
    format         TEXT,
    status         TEXT        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    rows_read      INT         NOT NULL DEFAULT 0,
    rows_published INT         NOT NULL DEFAULT 0,
    rows_skipped   INT         NOT NULL DEFAULT 0,
    rows_rejected  INT         NOT NULL DEFAULT 0,
    failure        TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at    TIMESTAMPTZ
);
CREATE INDEX import_jobs_user_idx ON import_jobs (user_id, created_at);

CREATE TABLE import_job_errors (
    job_id   UUID NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    line     INT  NOT NULL,
    raw_text TEXT NOT NULL,
    reason   TEXT NOT NULL,
    PRIMARY KEY (job_id, line)
);

-- Transactional outbox, in the column layout Debezium's outbox EventRouter reads.
CREATE TABLE outbox (
    id            UUID PRIMARY KEY,
    aggregatetype TEXT        NOT NULL,
    aggregateid   TEXT        NOT NULL,
    type          TEXT        NOT NULL,
    payload       JSONB       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
    id          UUID PRIMARY KEY,
    actor_id    UUID,
    entity_type TEXT        NOT NULL,
    entity_id   TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    before      JSONB,
    after       JSONB,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at);
