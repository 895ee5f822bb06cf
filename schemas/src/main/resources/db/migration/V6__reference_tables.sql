-- Reference data the stream joins, owned here and carried to the reference.* topics by CDC (connectors).

-- A user's own categorization rules, tried in priority order (lowest first) before anything learned or built in.
-- conditions and actions are the "when" and "then" objects of reference.category-rules (docs/design.md):
-- conditions description_contains, counterparty_contains, description_regex, merchant_code, min_amount, max_amount,
-- account_id, direction, currency, payment_method; actions category, add_tags, rename_counterparty.
CREATE TABLE category_rules (
    id          UUID PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES users (id),
    priority    INT         NOT NULL DEFAULT 100,
    conditions  JSONB       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(conditions) = 'object'),
    actions     JSONB       NOT NULL CHECK (jsonb_typeof(actions) = 'object'),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at  TIMESTAMPTZ
);
CREATE INDEX category_rules_user_idx ON category_rules (user_id, priority) WHERE deleted_at IS NULL;

-- What a user's own corrections taught: this merchant, counterparty or description belongs in this category,
-- seen `corrections` times. correction_key is a CorrectionKeys key without its "userId|" prefix
-- (merchant:888880, counterparty:naivas westlands, description:pos purchase carrefour junction).
CREATE TABLE category_corrections (
    user_id        UUID        NOT NULL REFERENCES users (id),
    correction_key TEXT        NOT NULL CHECK (correction_key ~ '^(merchant|counterparty|description):.+'),
    category       TEXT        NOT NULL,
    corrections    INT         NOT NULL DEFAULT 1 CHECK (corrections > 0),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, correction_key)
);

-- CDC publishes each user's whole list of rules and budgets: a deleted row must still say whose list it was in,
-- which the WAL only carries when the old row is logged in full.
ALTER TABLE category_rules REPLICA IDENTITY FULL;
ALTER TABLE budgets REPLICA IDENTITY FULL;
