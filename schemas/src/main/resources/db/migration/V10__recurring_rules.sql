-- Recurring rules: money that moves on a schedule (rent on the 1st, a weekly chama contribution), kept by the API.
-- The nightly booking job reads the rules that are due by next_occurrence; it is not built yet.
CREATE TABLE recurring_rules (
    id              UUID PRIMARY KEY,
    user_id         UUID          NOT NULL REFERENCES users (id),
    account_id      UUID          NOT NULL REFERENCES accounts (id),
    -- signed from the account's point of view, in the account's currency
    amount          NUMERIC(19,4) NOT NULL CHECK (amount <> 0),
    currency        CHAR(3)       NOT NULL,
    description     TEXT          NOT NULL,
    counterparty    TEXT,
    category        TEXT,
    cadence         TEXT          NOT NULL CHECK (cadence IN ('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY')),
    interval_count  INT           NOT NULL DEFAULT 1 CHECK (interval_count BETWEEN 1 AND 366),
    start_date      DATE          NOT NULL,
    end_date        DATE          CHECK (end_date IS NULL OR end_date >= start_date),
    -- the first occurrence not booked yet, in the user's time zone; NULL once past end_date
    next_occurrence DATE,
    last_booked_on  DATE,
    metadata        JSONB         NOT NULL DEFAULT '{}'::jsonb,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    deleted_at      TIMESTAMPTZ
);
CREATE INDEX recurring_rules_user_idx ON recurring_rules (user_id) WHERE deleted_at IS NULL;
CREATE INDEX recurring_rules_due_idx ON recurring_rules (next_occurrence) WHERE deleted_at IS NULL;

-- A deleted custom category frees its code: the same code can be created again.
DROP INDEX categories_user_code_idx;
CREATE UNIQUE INDEX categories_user_code_idx ON categories (user_id, code) WHERE user_id IS NOT NULL AND deleted_at IS NULL;
