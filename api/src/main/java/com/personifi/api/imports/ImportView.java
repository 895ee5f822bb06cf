package com.personifi.api.imports;

import java.time.Instant;
import java.util.UUID;

import com.personifi.ingest.job.ImportJob;

/**
 * An import job as the API shows it.
 *
 * @param newRows    rows the ledger did not have yet
 * @param duplicates rows it already had (a re-upload is all duplicates); they add nothing
 * @param rejected   rows refused or reported, listed by {@code GET /api/v1/imports/{id}/errors}
 * @param percent    share of the file read; 100 once completed
 */
record ImportView(UUID jobId, String status, String format, String fileName, UUID accountId, int rowsRead,
                  int published, int newRows, int duplicates, int skipped, int rejected, int percent, String failure,
                  Instant createdAt, Instant finishedAt) {

    static ImportView of(ImportJob job) {
        return new ImportView(job.id(), job.status().name(), job.format(), job.fileName(), job.accountId(),
                job.rowsRead(), job.published(), job.newRows(), job.duplicates(), job.skipped(), job.rejected(),
                job.percent(), job.failure(), job.createdAt(), job.finishedAt());
    }
}
