package com.personifi.api.audit;

import java.util.Map;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who changed what: one {@code audit_log} row per change, written in the caller's database transaction so a change
 * and its record commit together. Snapshots carry money as text, so no amount passes through a double.
 */
@Component
public class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
