-- A feed whose relay has signed a callback takes only signed callbacks from then on: otherwise whoever captured one
-- request (which carries the feed's secret) could drop the signature and send an altered body.
ALTER TABLE mpesa_feeds ADD COLUMN signed_since TIMESTAMPTZ;
