-- Row-level security: a second wall behind the API's own "WHERE user_id = ?". While it serves a signed-in person the
-- API works as the role personifi_user with personifi.user_id set to that person (api: UserScopedDataSource), and
-- these policies then show and accept only that person's rows, even to a query that forgot its WHERE. Everything
-- else (sink, stream-side jobs, sign-in, callbacks) keeps the connecting role and is not affected.
--
-- A new table holding users' rows must enable row-level security with a policy here too; a test lists every table
-- personifi_user can reach and fails on one with a user_id column and no policy.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'personifi_user') THEN
        CREATE ROLE personifi_user NOLOGIN;
    END IF;
END
$$;
-- the connecting role switches into personifi_user, so it must be a member (a superuser needs no grant)
DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('GRANT personifi_user TO %I', current_user);
    END IF;
END
$$;

-- The person being served, or NULL when none is set: NULL matches no row, so a missing setting shows nothing.
CREATE FUNCTION personifi_current_user() RETURNS UUID
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT NULLIF(current_setting('personifi.user_id', true), '')::uuid $$;

GRANT USAGE ON SCHEMA public TO personifi_user;
GRANT EXECUTE ON FUNCTION personifi_current_user() TO personifi_user;

-- Shared reference data: read only.
GRANT SELECT ON fx_rates, notification_channel_defaults TO personifi_user;

-- Rows owned through a user_id column.
DO $$
DECLARE
    owned TEXT;
BEGIN
    FOREACH owned IN ARRAY ARRAY['accounts', 'transactions', 'budgets', 'import_jobs', 'mpesa_feeds',
            'bank_csv_profiles', 'category_rules', 'category_corrections', 'notification_preferences',
            'webhook_endpoints', 'notifications', 'notification_deliveries', 'refresh_tokens', 'recurring_rules',
            'idempotency_keys']
    LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO personifi_user', owned);
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', owned);
        EXECUTE format('CREATE POLICY own_rows ON %I TO personifi_user '
                       'USING (user_id = personifi_current_user()) WITH CHECK (user_id = personifi_current_user())',
                       owned);
    END LOOP;
END
$$;

-- The person's own user row.
GRANT SELECT, UPDATE ON users TO personifi_user;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_row ON users TO personifi_user
    USING (id = personifi_current_user()) WITH CHECK (id = personifi_current_user());

-- Built-in categories (no user) are everyone's to read; custom ones are their owner's.
GRANT SELECT, INSERT, UPDATE, DELETE ON categories TO personifi_user;
ALTER TABLE categories ENABLE ROW LEVEL SECURITY;
CREATE POLICY built_in_or_own ON categories TO personifi_user
    USING (user_id IS NULL OR user_id = personifi_current_user()) WITH CHECK (user_id = personifi_current_user());

-- Rows owned through their parent; the subquery is itself filtered by the parent's policy.
GRANT SELECT, INSERT, UPDATE, DELETE ON import_job_errors TO personifi_user;
ALTER TABLE import_job_errors ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_jobs ON import_job_errors TO personifi_user
    USING (EXISTS (SELECT 1 FROM import_jobs j WHERE j.id = job_id))
    WITH CHECK (EXISTS (SELECT 1 FROM import_jobs j WHERE j.id = job_id));

GRANT SELECT ON partner_account_links TO personifi_user;
ALTER TABLE partner_account_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_accounts ON partner_account_links TO personifi_user
    USING (EXISTS (SELECT 1 FROM accounts a WHERE a.id = account_id));

GRANT SELECT ON mpesa_callbacks_seen TO personifi_user;
ALTER TABLE mpesa_callbacks_seen ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_feeds ON mpesa_callbacks_seen TO personifi_user
    USING (EXISTS (SELECT 1 FROM mpesa_feeds f WHERE f.id = feed_id));

-- The outbox is written, never read, by the API: only events about the person themselves.
GRANT INSERT ON outbox TO personifi_user;
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_events ON outbox FOR INSERT TO personifi_user
    WITH CHECK ((payload ->> 'userId')::uuid = personifi_current_user());

-- The audit log: a person writes and reads only entries of their own acts.
GRANT SELECT, INSERT ON audit_log TO personifi_user;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_acts ON audit_log TO personifi_user
    USING (actor_id = personifi_current_user()) WITH CHECK (actor_id = personifi_current_user());
