-- An import that runs while serving a person (a PDF is read on the request) numbers its row errors from this
-- sequence, as personifi_user (V12).
GRANT USAGE ON SEQUENCE import_job_errors_seq_seq TO personifi_user;
