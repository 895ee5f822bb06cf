package com.personifi.ingest;

import java.util.List;
import java.util.UUID;

/**
 * Outcome of an import. {@code published} rows are on their way to the ledger; re-published receipts are
 * absorbed downstream by their deterministic ids.
 *
 * @param errors the first {@link StatementImporter#ERRORS_IN_RESULT} rejected rows; all are kept with the job
 */
public record ImportResult(UUID jobId, String format, String status, int rowsRead, int published, int skipped,
                           int rejected, List<RowError> errors) {
}
