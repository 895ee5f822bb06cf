package com.personifi.connectors.notify;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Announces imports that finished. No event says so: an import job's row in {@code import_jobs} turning COMPLETED
 * or FAILED is the fact, so recently finished jobs without a notification are looked for on each beat. Several
 * processes finding the same job plan it once (the notification id is the job's).
 */
@Component
class FinishedImportsWatcher {

    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final NotificationPlanner planner;
    private final NotificationSettings settings;

    FinishedImportsWatcher(JdbcClient jdbc, NotificationPlanner planner, NotificationSettings settings) {
        this.jdbc = jdbc;
        this.planner = planner;
        this.settings = settings;
    }

    /** @return how many imports were newly announced */
    int announceFinished() {
        List<ImportMessages.FinishedImport> finished = jdbc.sql("""
                SELECT j.id, j.user_id, j.status, j.file_name, j.rows_new, j.rows_duplicate, j.rows_rejected,
                       j.failure, j.finished_at
                FROM import_jobs j
                WHERE j.status IN ('COMPLETED', 'FAILED')
                  AND j.finished_at > now() - ? * interval '1 millisecond'
                  AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = ? || j.id::text)
                ORDER BY j.finished_at LIMIT ?""")
                .params(settings.importLookback().toMillis(),
                        NotificationKind.IMPORT_FINISHED.notificationId(""), BATCH)
                .query((rs, n) -> new ImportMessages.FinishedImport(rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class), "COMPLETED".equals(rs.getString("status")),
                        rs.getString("file_name"), rs.getInt("rows_new"), rs.getInt("rows_duplicate"),
                        rs.getInt("rows_rejected"), rs.getString("failure"),
                        rs.getObject("finished_at", Timestamp.class).toInstant()))
                .list();
        int announced = 0;
        for (ImportMessages.FinishedImport job : finished) {
            if (planner.plan(ImportMessages.render(job))) {
                announced++;
            }
        }
        return announced;
    }
}
