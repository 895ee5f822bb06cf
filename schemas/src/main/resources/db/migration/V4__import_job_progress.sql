-- Imports run as background jobs: queued until a worker takes them, with progress a client can follow while they
-- run, and the split between rows new to the ledger and rows it already had.
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_status_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status_check
    CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'));
ALTER TABLE import_jobs
    ADD COLUMN rows_new       INT    NOT NULL DEFAULT 0,
    ADD COLUMN rows_duplicate INT    NOT NULL DEFAULT 0,
    ADD COLUMN bytes_total    BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN bytes_read     BIGINT NOT NULL DEFAULT 0;

-- A row may be refused for more than one reason (a bad entry whose statement's balances then do not add up): each
-- reason is kept, in the order it was found.
ALTER TABLE import_job_errors DROP CONSTRAINT import_job_errors_pkey;
ALTER TABLE import_job_errors ADD COLUMN seq BIGSERIAL PRIMARY KEY;
CREATE INDEX import_job_errors_job_idx ON import_job_errors (job_id, line);
