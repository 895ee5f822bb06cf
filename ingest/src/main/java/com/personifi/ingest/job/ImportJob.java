package com.personifi.ingest.job;

import java.time.Instant;
import java.util.UUID;

/**
 * An import as its owner sees it: where it stands and how far it got.
 *
 * @param published  rows sent to the ledger: {@code newRows} it did not have yet plus {@code duplicates} it had
 *                   when the import read them (a re-upload of the same file is all duplicates)
 * @param rejected   rows refused, and rows reported for a balance that does not add up; each is in the job's errors
 * @param bytesRead  how much of the file the parser has consumed, against {@code bytesTotal}
 * @param failure    why a FAILED import stopped; none of its rows reached the ledger
 */
public record ImportJob(UUID id, UUID accountId, String fileName, String format, Status status, int rowsRead,
                        int published, int newRows, int duplicates, int skipped, int rejected, long bytesRead,
                        long bytesTotal, String failure, Instant createdAt, Instant finishedAt) {

    public enum Status {
        QUEUED, RUNNING, COMPLETED, FAILED;

        public boolean finished() {
            return this == COMPLETED || this == FAILED;
        }
    }

    /** Share of the file read, 0–100; 100 only once the import has completed. */
    public int percent() {
        if (status == Status.COMPLETED) {
            return 100;
        }
        if (bytesTotal <= 0) {
            return 0;
        }
        return (int) Math.min(99, bytesRead * 100 / bytesTotal);
    }
}
