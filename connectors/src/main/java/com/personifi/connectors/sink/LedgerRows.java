package com.personifi.connectors.sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.personifi.schemas.events.EnrichedTransaction;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Upserts enriched transactions into the read model by id: replaying a batch, or the same receipt arriving again,
 * rewrites the row instead of adding one. Fields only people set (notes, deleted_at) are never touched here; tags
 * from rules are added to the ones already there.
 */
@Repository
class LedgerRows {

    private static final String UPSERT = """
            INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date, amount,
                currency, description, counterparty, merchant_code, balance, parent_id, import_job_id, category,
                category_source, category_confidence, base_currency, amount_in_base, fx_rate, fx_rate_date,
                fx_rate_status, tags)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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

    void upsert(List<EnrichedTransaction> rows) {
        jdbc.batchUpdate(UPSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                EnrichedTransaction t = rows.get(i);
                ps.setObject(1, UUID.fromString(t.getId()));
                ps.setObject(2, UUID.fromString(t.getUserId()));
                ps.setObject(3, UUID.fromString(t.getAccountId()));
                ps.setString(4, t.getSourceRef());
                ps.setString(5, t.getSource().name());
                ps.setObject(6, t.getOccurredAt().atOffset(ZoneOffset.UTC));
                ps.setObject(7, t.getLocalDate());
                ps.setBigDecimal(8, t.getAmount());
                ps.setString(9, t.getCurrency());
                ps.setString(10, t.getDescription());
                ps.setString(11, t.getCounterparty());
                ps.setString(12, t.getMerchantCode());
                ps.setBigDecimal(13, t.getBalance());
                ps.setObject(14, t.getParentId() == null ? null : UUID.fromString(t.getParentId()), Types.OTHER);
                ps.setObject(15, t.getImportJobId() == null ? null : UUID.fromString(t.getImportJobId()), Types.OTHER);
                ps.setString(16, t.getCategory());
                ps.setString(17, t.getCategorySource().name());
                ps.setInt(18, t.getCategoryConfidence());
                ps.setString(19, t.getBaseCurrency());
                ps.setBigDecimal(20, t.getAmountInBase());
                ps.setBigDecimal(21, t.getFxRate());
                ps.setObject(22, t.getFxRateDate(), Types.DATE);
                ps.setString(23, t.getFxRateStatus().name());
                ps.setArray(24, ps.getConnection().createArrayOf("text", t.getTags().toArray()));
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }
}
