package com.personifi.api.audit;

import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who changed what: one {@code audit_log} row per change, written in the caller's database transaction so a change
 * and its record commit together. Snapshots carry money as text, so no amount passes through a double.
 */
@Component
public class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public AuditLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /**
     * Runs a change made outside a service's own transaction (a single statement of a repository) together with the
     * {@link #record} calls it makes, so neither commits without the other.
     */
    public <T> T together(Supplier<T> change) {
        return transactions.execute(status -> change.get());
    }

    /**
     * Runs a change that may find nothing to change (a revoke, a delete) and records it, with no snapshot, only when
     * it did, in one database transaction.
     *
     * @return whether it changed something
     */
    public boolean ifDone(UUID actorId, String entityType, Object entityId, String action, BooleanSupplier change) {
        return together(() -> {
            boolean done = change.getAsBoolean();
            if (done) {
                record(actorId, entityType, entityId, action, null, null);
            }
            return done;
        });
    }

    /** {@code before} is null for a creation; {@code after} the state left behind (a soft-deleted row included). */
    public void record(UUID actorId, String entityType, Object entityId, String action, Map<String, ?> before,
                       Map<String, ?> after) {
        jdbc.sql("""
                        INSERT INTO audit_log (id, actor_id, entity_type, entity_id, action, before, after)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")
                .params(TransactionIds.newId(), actorId, entityType, entityId.toString(), action,
                        before == null ? null : JSON.writeValueAsString(before),
                        after == null ? null : JSON.writeValueAsString(after))
                .update();
    }
}
