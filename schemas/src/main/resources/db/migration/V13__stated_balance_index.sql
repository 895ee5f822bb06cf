-- The last balance a source stated for an account before a moment (net worth at each month end, currency exposure):
-- without this, an account whose sources state no balance had all the user's rows read to find that it has none.
CREATE INDEX transactions_stated_balance_idx ON transactions (account_id, occurred_at DESC)
    WHERE balance IS NOT NULL AND deleted_at IS NULL;
