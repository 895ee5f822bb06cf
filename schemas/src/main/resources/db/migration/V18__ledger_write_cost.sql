-- Every row written to the ledger pays for each of its indexes, and the ledger takes statements of a million rows.
--
-- A transaction's id is derived from its account and source reference (TransactionIds), and the stream refuses a
-- record whose id is not, so the primary key already holds "one row per source reference of an account": the unique
-- index on (account_id, source_ref) kept the same fact a second time, in a second random-order B-tree.
ALTER TABLE transactions DROP CONSTRAINT transactions_source_ref_unique;

-- Most transactions have no tags, and every one of them had an entry in the tags index that no search could use.
-- Queries by tag say "tags <> '{}'" as well, which is what lets the planner use this partial index.
DROP INDEX transactions_tags_idx;
CREATE INDEX transactions_tags_idx ON transactions USING GIN (tags) WHERE tags <> '{}';
