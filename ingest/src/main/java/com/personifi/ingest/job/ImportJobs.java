package com.personifi.ingest.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.personifi.ingest.RowError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Import jobs and their per-row errors in PostgreSQL, so progress and errors outlive the request and any API instance
 * can answer for a job another one runs.
 */
@Repository
public class ImportJobs {

    /**
     * A job that has not been touched for this long has lost the process running it (the runner writes progress at
     * least every second and a heartbeat every {@link ImportQueue#HEARTBEAT}), and is reported as failed.
     */
    public static final Duration ABANDONED_AFTER = Duration.ofSeconds(90);

    static final String ABANDONED = "The import stopped before it finished (the process running it ended); none of "
            + "its rows reached the ledger. Upload the file again.";

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate writing;

    public ImportJobs(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.writing = new TransactionTemplate(transactions);
    }

    /**
     * Queues the job unless the user already has {@code perUser} unfinished; the count and the insert are one step for
     * each user (a transaction-scoped advisory lock on them), so uploads arriving together cannot all slip under it.
     *
     * @return whether the job was queued
     */
    public boolean queueWithin(int perUser, UUID jobId, UUID userId, UUID accountId, String fileName, String format,
                               long bytesTotal) {
        return Boolean.TRUE.equals(writing.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("import-jobs:" + userId)
                    .query((rs, row) -> row).list();
            if (unfinished(userId) >= perUser) {
                return false;
            }
            queue(jobId, userId, accountId, fileName, format, bytesTotal);
            return true;
        }));
    }

    public void queue(UUID jobId, UUID userId, UUID accountId, String fileName, String format, long bytesTotal) {
        jdbc.sql("""
                INSERT INTO import_jobs (id, user_id, account_id, file_name, format, status, bytes_total)
                VALUES (?, ?, ?, ?, ?, 'QUEUED', ?)""")
                .params(jobId, userId, accountId, fileName, format, bytesTotal).update();
    }

    public void start(UUID jobId) {
        jdbc.sql("UPDATE import_jobs SET status = 'RUNNING', updated_at = now() WHERE id = ?").param(jobId).update();
    }

    public void progress(UUID jobId, ImportProgress progress) {
        write(jobId, progress, "RUNNING", false);
    }

    public void complete(UUID jobId, ImportProgress progress) {
        write(jobId, progress, "COMPLETED", true);
    }

    private void write(UUID jobId, ImportProgress p, String status, boolean finished) {
        jdbc.sql("""
                UPDATE import_jobs SET status = ?, rows_read = ?, rows_published = ?, rows_new = ?, rows_duplicate = ?,
                       rows_skipped = ?, rows_rejected = ?, bytes_read = ?, updated_at = now(),
                       finished_at = CASE WHEN ? THEN now() END
                WHERE id = ?""")
                .params(status, p.rowsRead(), p.published(), p.newRows(), p.duplicates(), p.skipped(), p.rejected(),
                        p.bytesRead(), finished, jobId)
                .update();
    }

    /**
     * Counts stay as last written: how far it got. Nothing of it reached the ledger. A job that completed stays
     * completed, whatever fails after.
     */
    public void fail(UUID jobId, String reason) {
        jdbc.sql("""
                UPDATE import_jobs SET status = 'FAILED', failure = ?, updated_at = now(), finished_at = now()
                WHERE id = ? AND status IN ('QUEUED', 'RUNNING')""")
                .params(reason, jobId).update();
    }

    /** Keeps the jobs this process holds from looking abandoned while they wait or run. */
    public void heartbeat(Collection<UUID> jobIds) {
        if (!jobIds.isEmpty()) {
            jdbc.sql("""
                    UPDATE import_jobs SET updated_at = now()
                    WHERE id = ANY(?::uuid[]) AND status IN ('QUEUED', 'RUNNING')""")
                    .param(ids(jobIds)).update();
        }
    }

    public void addErrors(UUID jobId, List<RowError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        // one statement per batch: a file of bad rows must not cost a round trip per row
        jdbc.sql("""
                INSERT INTO import_job_errors (job_id, line, raw_text, reason)
                SELECT ?, line, raw_text, reason FROM unnest(?::int[], ?::text[], ?::text[]) AS e(line, raw_text, reason)""")
                .params(jobId, errors.stream().map(RowError::line).toArray(Integer[]::new),
                        errors.stream().map(RowError::rawText).toArray(String[]::new),
                        errors.stream().map(RowError::reason).toArray(String[]::new))
                .update();
    }

    /** Which of these transaction ids of the user the ledger already holds. */
    public Set<UUID> alreadyInLedger(UUID userId, Collection<UUID> transactionIds) {
        if (transactionIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT id FROM transactions WHERE user_id = ? AND id = ANY(?::uuid[])")
                .params(userId, ids(transactionIds)).query(UUID.class).list());
    }

    /** The user's jobs waiting or running, not counting those their process abandoned. */
    public int unfinished(UUID userId) {
        return jdbc.sql("""
                SELECT count(*) FROM import_jobs WHERE user_id = ? AND status IN ('QUEUED', 'RUNNING')
                    AND updated_at >= now() - make_interval(secs => ?)""")
                .params(userId, ABANDONED_AFTER.toSeconds()).query(Integer.class).single();
    }

    /** The user's own job; another user's id finds nothing. A job abandoned by its process reads as FAILED. */
    public Optional<ImportJob> find(UUID userId, UUID jobId) {
        return jdbc.sql("""
                SELECT *, status IN ('QUEUED', 'RUNNING') AND updated_at < now() - make_interval(secs => ?) AS abandoned
                FROM import_jobs WHERE id = ? AND user_id = ?""")
                .params(ABANDONED_AFTER.toSeconds(), jobId, userId)
                .query((rs, n) -> job(rs)).optional();
    }

    /**
     * The user's job's rejected rows in file order, one at a time: a cursor in a read-only transaction (PostgreSQL
     * streams rows only outside autocommit), so a file of a million bad rows is never in memory.
     */
    public void errors(UUID userId, UUID jobId, Consumer<RowError> each) {
        readOnly.executeWithoutResult(status -> jdbc.sql("""
                        SELECT e.line, e.raw_text, e.reason FROM import_job_errors e
                        JOIN import_jobs j ON j.id = e.job_id
                        WHERE e.job_id = ? AND j.user_id = ? ORDER BY e.line, e.seq""")
                .params(jobId, userId)
                .withFetchSize(1000)
                .query(rs -> {
                    each.accept(new RowError(rs.getInt("line"), rs.getString("raw_text"), rs.getString("reason")));
                }));
    }

    private static String[] ids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static ImportJob job(ResultSet rs) throws SQLException {
        boolean abandoned = rs.getBoolean("abandoned");
        return new ImportJob(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("file_name"), rs.getString("format"),
                abandoned ? ImportJob.Status.FAILED : ImportJob.Status.valueOf(rs.getString("status")),
                rs.getInt("rows_read"), rs.getInt("rows_published"), rs.getInt("rows_new"),
                rs.getInt("rows_duplicate"), rs.getInt("rows_skipped"), rs.getInt("rows_rejected"),
                rs.getLong("bytes_read"), rs.getLong("bytes_total"),
                abandoned ? ABANDONED : rs.getString("failure"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("finished_at")));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
