package com.personifi.connectors.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import com.personifi.schemas.events.EnrichedTransaction;

/** Lets the sink benchmark COPY rows with the sink's own encoding, for its baseline. */
public final class LedgerCopyBench {

    private LedgerCopyBench() {
    }

    public static void copy(Connection connection, String table, List<EnrichedTransaction> rows) throws SQLException {
        LedgerRows.copy(connection, table, rows);
    }
}
