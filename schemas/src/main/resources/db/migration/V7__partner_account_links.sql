-- Accounts a partner bank's core-banking system keeps for our users. Their transactions reach ingest.transactions.raw
-- by CDC from the partner's database (connectors: PartnerCapture). partner_account_id is the core system's internal
-- account id (Fineract m_savings_account.id), never the account number.
CREATE TABLE partner_account_links (
    partner            TEXT        NOT NULL,
    partner_account_id TEXT        NOT NULL,
    account_id         UUID        NOT NULL REFERENCES accounts (id),
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (partner, partner_account_id)
);
CREATE INDEX partner_account_links_account_idx ON partner_account_links (account_id);
