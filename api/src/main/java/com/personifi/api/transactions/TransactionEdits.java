package com.personifi.api.transactions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.audit.AuditLog;
import com.personifi.api.dashboard.UserDataVersions;
import com.personifi.api.web.InvalidRequestException;
import com.personifi.api.web.NotFoundException;
import com.personifi.schemas.CorrectionKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's changes to one of their transactions, each with its audit entry in the same database transaction. A new
 * category is also a lesson: it is counted in {@code category_corrections}, which CDC carries to the stream, so the
 * next transaction from the same paybill, till, counterparty or description is categorized alike.
 */
@Service
class TransactionEdits {

    /** Only the fields given change; {@code tags} replaces the whole list. */
    record Edit(String category, List<String> tags, String notes) {
    }

    /** The REST body's limits, checked here too because GraphQL's changeTransaction comes straight in. */
    private static void checkSizes(Edit edit) {
        if (edit.tags() != null && (edit.tags().size() > 20
                || edit.tags().stream().anyMatch(tag -> tag == null || tag.length() > 40))) {
            throw new InvalidRequestException("tags: at most 20, each at most 40 characters");
        }
        if (edit.notes() != null && edit.notes().length() > 2000) {
            throw new InvalidRequestException("notes must be at most 2000 characters");
        }
    }

    private final LedgerTransactions ledger;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final UserDataVersions versions;
    private final LedgerCorrections corrections;

    TransactionEdits(LedgerTransactions ledger, JdbcClient jdbc, AuditLog audit, UserDataVersions versions,
                     LedgerCorrections corrections) {
        this.corrections = corrections;
        this.audit = audit;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.versions = versions;
    }

    @Transactional
    LedgerTransactions.Transaction edit(UUID userId, UUID id, Edit edit) {
        checkSizes(edit);
        LedgerTransactions.Transaction before = existing(userId, id);
        if (edit.category() != null && !edit.category().equals(before.category())) {
            if (!categoryExists(userId, edit.category())) {
                throw new InvalidRequestException("Unknown category " + edit.category());
            }
            ledger.setCategory(userId, id, edit.category());
            learn(userId, before, edit.category());
        }
        if (edit.tags() != null) {
            ledger.setTags(userId, id, edit.tags().stream().map(String::strip).filter(t -> !t.isEmpty())
                    .distinct().sorted().toList());
        }
        if (edit.notes() != null) {
            ledger.setNotes(userId, id, edit.notes().isBlank() ? null : edit.notes().strip());
        }
        LedgerTransactions.Transaction after = existing(userId, id);
        audit(userId, id, "update", before, after);
        versions.changedAfterCommit(userId);
        if (!after.category().equals(before.category())) {
            corrections.record(userId, List.of(LedgerCorrections.Corrected.of(after)));
        }
        return after;
    }

    @Transactional
    LedgerTransactions.Transaction setDeleted(UUID userId, UUID id, boolean deleted) {
        LedgerTransactions.Transaction before = existing(userId, id);
        if ((before.deletedAt() != null) != deleted) {
            ledger.setDeleted(userId, id, deleted);
            LedgerTransactions.Transaction after = existing(userId, id);
            audit(userId, id, deleted ? "delete" : "restore", before, after);
            versions.changedAfterCommit(userId);
            corrections.record(userId, List.of(LedgerCorrections.Corrected.of(after)));
            return after;
        }
        return before;
    }

    private LedgerTransactions.Transaction existing(UUID userId, UUID id) {
        return ledger.find(userId, id).orElseThrow(() -> new NotFoundException("No transaction " + id));
    }

    private boolean categoryExists(UUID userId, String code) {
        return jdbc.sql("""
                        SELECT count(*) FROM categories
                        WHERE code = ? AND (user_id IS NULL OR user_id = ?) AND deleted_at IS NULL""")
                .params(code, userId).query(Long.class).single() > 0;
    }

    /**
     * Counted under the most specific thing that names the other party: the paybill or till number, else the
     * counterparty, else the description's words. The same category again strengthens the lesson; another one
     * replaces it and starts counting anew.
     */
    private void learn(UUID userId, LedgerTransactions.Transaction t, String category) {
        List<String> keys = CorrectionKeys.of(userId, t.merchantCode(), t.counterparty(), t.description());
        if (keys.isEmpty()) {
            return;
        }
        String key = keys.get(0).substring(keys.get(0).indexOf('|') + 1);
        jdbc.sql("""
                        INSERT INTO category_corrections (user_id, correction_key, category, corrections)
                        VALUES (?, ?, ?, 1)
                        ON CONFLICT (user_id, correction_key) DO UPDATE SET
                            corrections = CASE WHEN category_corrections.category = EXCLUDED.category
                                               THEN category_corrections.corrections + 1 ELSE 1 END,
                            category = EXCLUDED.category, updated_at = now()""")
                .params(userId, key, category).update();
    }

    private void audit(UUID userId, UUID id, String action, LedgerTransactions.Transaction before,
                       LedgerTransactions.Transaction after) {
        audit.record(userId, "transaction", id, action, snapshot(before), snapshot(after));
    }

    /** What a person can change, next to the money it concerns. */
    private static Map<String, Object> snapshot(LedgerTransactions.Transaction t) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("amount", t.amount().toPlainString());
        fields.put("currency", t.currency());
        fields.put("amountInBase", t.amountInBase() == null ? null : t.amountInBase().toPlainString());
        fields.put("baseCurrency", t.baseCurrency());
        fields.put("category", t.category());
        fields.put("categorySource", t.categorySource());
        fields.put("tags", t.tags());
        fields.put("notes", t.notes());
        fields.put("deletedAt", t.deletedAt() == null ? null : t.deletedAt().toString());
        return fields;
    }
}
