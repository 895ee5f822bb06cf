package com.personifi.connectors.sink;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.personifi.schemas.events.EnrichedTransaction;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Upserts enriched transactions into the read model by id: replaying a batch, or the same receipt arriving again,
 * rewrites the row instead of adding one. Fields only people set (notes, deleted_at) are never touched here, nor is
 * a category a person chose (category_source MANUAL); tags from rules are added to the ones already there.
 */
@Repository
class LedgerRows {

    /**
     * One per database session, emptied at every commit. Shaped like {@code transactions} itself so the two cannot
     * drift apart; the generated and defaulted columns simply stay empty here.
     */
    private static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS ledger_staging "
            + "(LIKE transactions INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";

    private static final String MERGE = "INSERT INTO transactions (" + LedgerCopyFormat.COLUMNS + ") SELECT "
            + LedgerCopyFormat.COLUMNS + " FROM ledger_staging" + """
            
            ON CONFLICT (id) DO UPDATE SET
                occurred_at = EXCLUDED.occurred_at, local_date = EXCLUDED.local_date, amount = EXCLUDED.amount,
                currency = EXCLUDED.currency, description = EXCLUDED.description,
                counterparty = COALESCE(EXCLUDED.counterparty, transactions.counterparty),
                merchant_code = COALESCE(EXCLUDED.merchant_code, transactions.merchant_code),
                balance = COALESCE(EXCLUDED.balance, transactions.balance),
                parent_id = COALESCE(EXCLUDED.parent_id, transactions.parent_id),
                import_job_id = COALESCE(EXCLUDED.import_job_id, transactions.import_job_id),
                category = CASE WHEN transactions.category_source = 'MANUAL' THEN transactions.category
                                ELSE EXCLUDED.category END,
                category_confidence = CASE WHEN transactions.category_source = 'MANUAL'
                                           THEN transactions.category_confidence ELSE EXCLUDED.category_confidence END,
                category_source = CASE WHEN transactions.category_source = 'MANUAL' THEN 'MANUAL'
                                       ELSE EXCLUDED.category_source END,
                base_currency = EXCLUDED.base_currency,
                amount_in_base = EXCLUDED.amount_in_base, fx_rate = EXCLUDED.fx_rate,
                fx_rate_date = EXCLUDED.fx_rate_date, fx_rate_status = EXCLUDED.fx_rate_status,
                tags = ARRAY(SELECT DISTINCT unnest(transactions.tags || EXCLUDED.tags) ORDER BY 1),
                updated_at = now()
            """;

    /** PostgreSQL's unique_violation: here only the primary key, the one unique index of the ledger (V18). */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * After a batch that met a row already in the ledger, this many batches are merged without trying a plain COPY
     * first: updates come in runs (a replay, a person's other channels catching up), and each failed try costs the
     * rows copied before the conflict.
     */
    static final int MERGES_AFTER_A_CONFLICT = 16;

    private final JdbcTemplate jdbc;
    private final AtomicInteger mergesBeforeNextTry = new AtomicInteger();

    LedgerRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Streams rows into {@code table} with one COPY, encoding a few hundred rows at a time so a large batch never
     * exists twice in memory.
     */
    static void copy(Connection connection, String table, List<EnrichedTransaction> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + LedgerCopyFormat.COLUMNS + ") FROM STDIN");
        try {
            StringBuilder chunk = new StringBuilder(256 * 512);
            for (int i = 0; i < rows.size(); i++) {
                LedgerCopyFormat.appendLine(rows.get(i), chunk);
                if (chunk.length() >= 240 * 512 || i == rows.size() - 1) {
                    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    chunk.setLength(0);
                }
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * Writes the batch into the ledger within the caller's transaction. Rows must have distinct ids.
     *
     * <p>New rows, which is what a statement's are, go in with one COPY straight into {@code transactions}. A batch
     * holding a row the ledger already has (an update, a replay) makes that COPY fail on the primary key; it is
     * undone to a savepoint and the batch merged instead: COPY into this session's staging table and one statement
     * that inserts or updates each row by the rules above. The merge costs PostgreSQL about a tenth more per row,
     * for the staging table and the conflict checks (docs/benchmarks.md).
     */
    void upsert(List<EnrichedTransaction> rows) {
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            if (copiedAsNew(connection, rows)) {
                return rows.size();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(STAGING);
                copy(connection, "ledger_staging", rows);
                return statement.executeUpdate(MERGE);
            }
        });
    }

    /** How many batches are still to be merged without trying a plain COPY first. */
    int mergesBeforeNextTry() {
        return mergesBeforeNextTry.get();
    }

    private boolean copiedAsNew(Connection connection, List<EnrichedTransaction> rows) throws SQLException {
        if (mergesBeforeNextTry.get() > 0) {
            mergesBeforeNextTry.decrementAndGet();
            return false;
        }
        Savepoint beforeCopy = connection.setSavepoint();
        try {
            copy(connection, "transactions", rows);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(beforeCopy);
            mergesBeforeNextTry.set(MERGES_AFTER_A_CONFLICT);
            return false;
        }
        connection.releaseSavepoint(beforeCopy);
        return true;
    }
}
