package com.personifi.connectors.notify;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Budgets name categories by code; people read the name (the user's own category first, then the built-in one). */
@Repository
class CategoryNames {

    private final JdbcClient jdbc;

    CategoryNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String nameOf(UUID userId, String code) {
        return jdbc.sql("""
                SELECT name FROM categories
                WHERE code = ? AND (user_id = ? OR user_id IS NULL) AND deleted_at IS NULL
                ORDER BY user_id NULLS LAST LIMIT 1""")
                .params(code, userId)
                .query(String.class).optional().orElse(code);
    }
}
