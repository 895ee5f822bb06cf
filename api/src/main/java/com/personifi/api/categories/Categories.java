package com.personifi.api.categories;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The categories a user can file money under: the built-in taxonomy (no owner) and the user's own. Codes are what
 * transactions, rules and budgets refer to; a user's code never shadows a built-in one.
 */
@Repository
public class Categories {

    /** @param builtIn true for the shared taxonomy, which nobody can change */
    record Category(UUID id, String code, String parentCode, String name, String kind, boolean builtIn) {
    }

    private static final String COLUMNS = "id, code, parent_code, name, kind, user_id IS NULL AS built_in";

    private final JdbcClient jdbc;

    Categories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the user may file money under this code: a built-in category or one of their own, not deleted. */
    public boolean exists(UUID userId, String code) {
        return find(userId, code).isPresent();
    }

    Optional<Category> find(UUID userId, String code) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM categories"
                        + " WHERE code = ? AND (user_id IS NULL OR user_id = ?) AND deleted_at IS NULL"
                        + " ORDER BY user_id NULLS FIRST LIMIT 1")
                .params(code, userId).query(Category.class).optional();
    }

    /** Built-in first, then the user's own, each by code. */
    List<Category> visibleTo(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM categories"
                        + " WHERE (user_id IS NULL OR user_id = ?) AND deleted_at IS NULL"
                        + " ORDER BY user_id NULLS FIRST, code")
                .param(userId).query(Category.class).list();
    }

    /** What {@link #visibleTo} holds, as the tree people browse. */
    List<CategoryTree.Node> tree(UUID userId) {
        return CategoryTree.of(visibleTo(userId));
    }

    boolean isBuiltIn(String code) {
        return jdbc.sql("SELECT count(*) FROM categories WHERE code = ? AND user_id IS NULL AND deleted_at IS NULL")
                .param(code).query(Long.class).single() > 0;
    }

    Optional<Category> findOwn(UUID userId, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM categories WHERE user_id = ? AND code = ? AND deleted_at IS NULL")
                .params(userId, code).query(Category.class).optional();
    }

    boolean hasChildren(UUID userId, String code) {
        return jdbc.sql("""
                        SELECT count(*) FROM categories
                        WHERE parent_code = ? AND user_id = ? AND deleted_at IS NULL""")
                .params(code, userId).query(Long.class).single() > 0;
    }

    /** How many of the user's live rules, budgets and recurring rules file money under this code. */
    long uses(UUID userId, String code) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM category_rules
                                WHERE user_id = ? AND deleted_at IS NULL AND actions->>'category' = ?)
                             + (SELECT count(*) FROM budgets WHERE user_id = ? AND deleted_at IS NULL AND category = ?)
                             + (SELECT count(*) FROM recurring_rules
                                WHERE user_id = ? AND deleted_at IS NULL AND category = ?)""")
                .params(userId, code, userId, code, userId, code).query(Long.class).single();
    }

    UUID create(UUID userId, String code, String parentCode, String name, String kind) {
        UUID id = TransactionIds.newId();
        jdbc.sql("INSERT INTO categories (id, user_id, code, parent_code, name, kind) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, userId, code, parentCode, name, kind).update();
        return id;
    }

    void rename(UUID userId, UUID id, String name) {
        jdbc.sql("UPDATE categories SET name = ?, updated_at = now() WHERE user_id = ? AND id = ?")
                .params(name, userId, id).update();
    }

    void softDelete(UUID userId, UUID id) {
        jdbc.sql("UPDATE categories SET deleted_at = now(), updated_at = now() WHERE user_id = ? AND id = ?")
                .params(userId, id).update();
    }
}
