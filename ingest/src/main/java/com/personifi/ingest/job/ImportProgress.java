package com.personifi.ingest.job;

/** Counts of an import so far, as written to its job. */
public record ImportProgress(int rowsRead, int published, int newRows, int duplicates, int skipped, int rejected,
                             long bytesRead) {
}
