-- Which blind-index key made each account number's index (a fingerprint, not the key), so that after the key is
-- replaced the indexes made with the old one are found and remade. Indexes made before this column have none and are
-- remade once.
ALTER TABLE accounts ADD COLUMN number_index_key TEXT;
