package com.personifi.connectors.sink;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import com.personifi.schemas.events.EnrichedTransaction;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Upserts enriched transactions into the read model by id: replaying a batch, or the same receipt arriving again,
 * rewrites the row instead of adding one. Fields only people set (notes, deleted_at) are never touched here; tags
 * from rules are added to the ones already there.
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
                category = EXCLUDED.category, category_source = EXCLUDED.category_source,
                category_confidence = EXCLUDED.category_confidence, base_currency = EXCLUDED.base_currency,
                amount_in_base = EXCLUDED.amount_in_base, fx_rate = EXCLUDED.fx_rate,
                fx_rate_date = EXCLUDED.fx_rate_date, fx_rate_status = EXCLUDED.fx_rate_status,
                tags = ARRAY(SELECT DISTINCT unnest(transactions.tags || EXCLUDED.tags) ORDER BY 1),
                updated_at = now()
            """;

    private final JdbcTemplate jdbc;

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
     * COPYs the batch into this session's staging table and merges it into the ledger with one statement: COPY is
     * several times cheaper per row than bound INSERTs, and the merge keeps the upsert rules in SQL. Must run inside
     * the caller's transaction, whose commit also empties the staging table. Rows must have distinct ids.
     */
    void upsert(List<EnrichedTransaction> rows) {
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(STAGING);
                copy(connection, "ledger_staging", rows);
                return statement.executeUpdate(MERGE);
            }
        });
    }
}
