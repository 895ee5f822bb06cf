package com.personifi.ingest.job;

import java.util.List;
import java.util.UUID;

import com.personifi.ingest.RowError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Import jobs and their per-row errors in PostgreSQL, so progress and errors outlive the request. */
@Repository
public class ImportJobs {

    private final JdbcClient jdbc;

    public ImportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void start(UUID jobId, UUID userId, UUID accountId, String fileName, String format) {
        jdbc.sql("""
                INSERT INTO import_jobs (id, user_id, account_id, file_name, format, status)
                VALUES (?, ?, ?, ?, ?, 'RUNNING')""")
                .params(jobId, userId, accountId, fileName, format).update();
    }

    public void complete(UUID jobId, int read, int published, int skipped, int rejected) {
        jdbc.sql("""
                UPDATE import_jobs SET status = 'COMPLETED', rows_read = ?, rows_published = ?, rows_skipped = ?,
                       rows_rejected = ?, updated_at = now(), finished_at = now()
                WHERE id = ?""")
                .params(read, published, skipped, rejected, jobId).update();
    }

    public void fail(UUID jobId, String reason) {
        jdbc.sql("UPDATE import_jobs SET status = 'FAILED', failure = ?, updated_at = now(), finished_at = now() WHERE id = ?")
                .params(reason, jobId).update();
    }

    public void addErrors(UUID jobId, List<RowError> errors) {
        for (RowError error : errors) {
            jdbc.sql("INSERT INTO import_job_errors (job_id, line, raw_text, reason) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(jobId, error.line(), error.rawText(), error.reason()).update();
        }
    }
}
