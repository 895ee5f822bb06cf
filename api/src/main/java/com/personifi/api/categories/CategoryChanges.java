package com.personifi.api.categories;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.audit.AuditLog;
import com.personifi.api.dashboard.UserDataVersions;
import com.personifi.api.web.ConflictException;
import com.personifi.api.web.InvalidFieldsException;
import com.personifi.api.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, renaming and deleting a user's own categories, each with its audit entry. Dashboards name spending by
 * the user's category, so each change also moves the user's data version on.
 */
@Service
class CategoryChanges {

    private final Categories categories;
    private final AuditLog audit;
    private final UserDataVersions versions;

    CategoryChanges(Categories categories, AuditLog audit, UserDataVersions versions) {
        this.categories = categories;
        this.audit = audit;
        this.versions = versions;
    }

    @Transactional
    Categories.Category create(UUID userId, CategoriesController.NewCategory request) {
        if (categories.isBuiltIn(request.code())) {
            throw InvalidFieldsException.of("code", "is a built-in category");
        }
        String parent = request.parentCode() == null || request.parentCode().isBlank() ? null
                : request.parentCode().strip();
        String kind = request.kind();
        if (parent != null) {
            Categories.Category parentCategory = categories.find(userId, parent)
                    .orElseThrow(() -> InvalidFieldsException.of("parentCode", "is not one of your categories"));
            kind = kind == null ? parentCategory.kind() : kind;
        }
        if (kind == null) {
            throw InvalidFieldsException.of("kind", "is needed for a top-level category");
        }
        if (categories.findOwn(userId, request.code()).isPresent()) {
            throw new ConflictException("You already have a category " + request.code());
        }
        UUID id = categories.create(userId, request.code(), parent, request.name().strip(), kind);
        Categories.Category created = categories.findOwn(userId, request.code()).orElseThrow();
        audit.record(userId, "category", id, "create", null, snapshot(created, null));
        versions.changedAfterCommit(userId);
        return created;
    }

    /** A new name for one of the user's own categories; its code, and what files money under it, stay. */
    @Transactional
    Categories.Category rename(UUID userId, String code, String name) {
        Categories.Category own = own(userId, code, "renamed");
        String newName = name.strip();
        if (newName.equals(own.name())) {
            return own;
        }
        categories.rename(userId, own.id(), newName);
        Categories.Category renamed = categories.findOwn(userId, code).orElseThrow();
        audit.record(userId, "category", own.id(), "rename", snapshot(own, null), snapshot(renamed, null));
        versions.changedAfterCommit(userId);
        return renamed;
    }

    @Transactional
    void delete(UUID userId, String code) {
        Categories.Category own = own(userId, code, "deleted");
        if (categories.hasChildren(userId, code)) {
            throw new ConflictException("Category " + code + " has subcategories; delete them first");
        }
        // a rule or budget naming a category that is gone would keep filing money under a code nobody can see
        long uses = categories.uses(userId, code);
        if (uses > 0) {
            throw new ConflictException("Category " + code + " is used by " + uses
                    + " of your rules, budgets or recurring rules; change them first");
        }
        categories.softDelete(userId, own.id());
        audit.record(userId, "category", own.id(), "delete", snapshot(own, null), snapshot(own, "deleted"));
        versions.changedAfterCommit(userId);
    }

    /** One of the user's own categories; a built-in one is a conflict, anything else not found. */
    private Categories.Category own(UUID userId, String code, String change) {
        return categories.findOwn(userId, code).orElseThrow(() -> categories.isBuiltIn(code)
                ? new ConflictException("Built-in category " + code + " cannot be " + change)
                : new NotFoundException("No category " + code));
    }

    private static Map<String, Object> snapshot(Categories.Category c, String state) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("code", c.code());
        fields.put("name", c.name());
        fields.put("parentCode", c.parentCode());
        fields.put("kind", c.kind());
        fields.put("deleted", state != null);
        return fields;
    }
}
