package com.personifi.api.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.audit.AuditLog;
import com.personifi.api.web.ConflictException;
import com.personifi.api.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, changing and deleting rules, each with its audit entry. Definitions arrive already validated. */
@Service
class RuleChanges {

    /**
     * Far more than anyone keeps; the stream gets a user's rules as one record, which must stay well under the
     * broker's 1 MB (a rule is at most about 2 KB). A soft cap: two creates at the same instant may both pass.
     */
    static final int MAX_RULES = 200;

    private final CategoryRules rules;
    private final AuditLog audit;

    RuleChanges(CategoryRules rules, AuditLog audit) {
        this.rules = rules;
        this.audit = audit;
    }

    @Transactional
    CategoryRules.Rule create(UUID userId, RuleDefinition rule) {
        if (rules.countLive(userId) >= MAX_RULES) {
            throw new ConflictException("At most " + MAX_RULES + " rules; delete one first");
        }
        UUID id = rules.create(userId, rule);
        CategoryRules.Rule created = rules.find(userId, id).orElseThrow();
        audit.record(userId, "category_rule", id, "create", null, snapshot(created, false));
        return created;
    }

    @Transactional
    CategoryRules.Rule replace(UUID userId, UUID id, RuleDefinition rule) {
        CategoryRules.Rule before = existing(userId, id);
        rules.replace(userId, id, rule);
        CategoryRules.Rule after = rules.find(userId, id).orElseThrow();
        audit.record(userId, "category_rule", id, "update", snapshot(before, false), snapshot(after, false));
        return after;
    }

    @Transactional
    void delete(UUID userId, UUID id) {
        CategoryRules.Rule before = existing(userId, id);
        rules.softDelete(userId, id);
        audit.record(userId, "category_rule", id, "delete", snapshot(before, false), snapshot(before, true));
    }

    private CategoryRules.Rule existing(UUID userId, UUID id) {
        return rules.lock(userId, id).orElseThrow(() -> new NotFoundException("No rule " + id));
    }

    /** In the stored (stream's) shape, so the audit shows exactly what the categorizer was given. */
    private static Map<String, Object> snapshot(CategoryRules.Rule rule, boolean deleted) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("priority", rule.priority());
        fields.put("when", RuleJson.tree(RuleJson.conditions(rule.conditions())));
        fields.put("then", RuleJson.tree(RuleJson.actions(rule.actions())));
        fields.put("deleted", deleted);
        return fields;
    }
}
