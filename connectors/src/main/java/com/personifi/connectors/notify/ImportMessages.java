package com.personifi.connectors.notify;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What a user is told when a statement import they started has finished, well or not. */
final class ImportMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A finished row of {@code import_jobs}. */
    record FinishedImport(UUID jobId, UUID userId, boolean completed, String fileName, int rowsNew,
                          int rowsDuplicate, int rowsRejected, String failure, Instant finishedAt) {
    }

    private ImportMessages() {
    }

    static Notification render(FinishedImport job) {
        String id = NotificationKind.IMPORT_FINISHED.notificationId(job.jobId().toString());
        String file = job.fileName() == null || job.fileName().isBlank() ? "your statement" : job.fileName();
        String sms = MessageText.fitSms(file, name -> job.completed()
                ? "PersoniFi: import of " + name + " finished: " + job.rowsNew() + " new, " + job.rowsDuplicate()
                        + " already known, " + job.rowsRejected() + " refused."
                : "PersoniFi: import of " + name + " failed. Open the app to see why.");
        String subject = job.completed() ? "Import of " + file + " finished" : "Import of " + file + " failed";
        String email = job.completed()
                ? """
                Hello,

                Your import of %s has finished: %d new transactions, %d already known, %d rows refused.%s

                You receive this email because import notices by email are on in your PersoniFi notification settings.
                """.formatted(file, job.rowsNew(), job.rowsDuplicate(), job.rowsRejected(),
                        job.rowsRejected() > 0 ? "\nThe refused rows and the reasons are listed with the import in the app." : "")
                : """
                Hello,

                Your import of %s failed: %s
                None of its rows reached your ledger; you can upload the file again.

                You receive this email because import notices by email are on in your PersoniFi notification settings.
                """.formatted(file, job.failure() == null ? "the import stopped before it finished." : job.failure());
        return new Notification(id, job.userId(), NotificationKind.IMPORT_FINISHED, sms, subject, email,
                webhookBody(id, job));
    }

    private static String webhookBody(String id, FinishedImport job) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        body.put("type", NotificationKind.IMPORT_FINISHED.webhookType());
        body.put("createdAt", job.finishedAt().toString());
        ObjectNode data = body.putObject("data");
        data.put("jobId", job.jobId().toString());
        data.put("status", job.completed() ? "COMPLETED" : "FAILED");
        data.put("fileName", job.fileName());
        data.put("rowsNew", job.rowsNew());
        data.put("rowsDuplicate", job.rowsDuplicate());
        data.put("rowsRejected", job.rowsRejected());
        data.put("failure", job.failure());
        return JSON.writeValueAsString(body);
    }
}
