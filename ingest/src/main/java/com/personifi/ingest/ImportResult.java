package com.personifi.ingest;

import java.util.List;
import java.util.UUID;

/**
 * Outcome of an import the caller waited for. {@code published} rows are on their way to the ledger: {@code newRows}
 * it did not have and {@code duplicates} it had when they were read, which the stream merges into what it holds.
 *
 * @param errors the first {@link StatementImporter#ERRORS_IN_RESULT} rejected rows; all are kept with the job
 */
public record ImportResult(UUID jobId, String format, String status, int rowsRead, int published, int newRows,
                           int duplicates, int skipped, int rejected, List<RowError> errors) {
}
