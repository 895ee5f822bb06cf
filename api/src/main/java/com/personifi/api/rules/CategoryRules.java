package com.personifi.api.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A user's rules in {@code category_rules}. The API only writes the table: change data capture republishes the
 * user's whole list to the stream whenever a row changes. Every statement is scoped to the owner.
 */
@Repository
class CategoryRules {

    /** A rule as clients see it. */
    record Rule(UUID id, int priority, RuleDefinition.Conditions conditions, RuleDefinition.Actions actions,
                Instant createdAt, Instant updatedAt) {

        RuleDefinition definition() {
            return new RuleDefinition(priority, conditions, actions);
        }
    }

    private static final String COLUMNS = "id, priority, conditions::text, actions::text, created_at, updated_at";

    private final JdbcClient jdbc;

    CategoryRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the order the stream tries them (the connector publishes them in the same order). */
    List<Rule> of(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM category_rules WHERE user_id = ? AND deleted_at IS NULL"
                        + " ORDER BY priority, created_at, id")
                .param(userId).query(CategoryRules::map).list();
    }

    Optional<Rule> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM category_rules WHERE user_id = ? AND id = ? AND deleted_at IS NULL")
                .params(userId, id).query(CategoryRules::map).optional();
    }

    /** For an update: locked, so two edits of one rule each record the state they replaced. */
    Optional<Rule> lock(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM category_rules WHERE user_id = ? AND id = ? AND deleted_at IS NULL FOR UPDATE")
                .params(userId, id).query(CategoryRules::map).optional();
    }

    int countLive(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM category_rules WHERE user_id = ? AND deleted_at IS NULL").param(userId)
                .query(Integer.class).single();
    }

    UUID create(UUID userId, RuleDefinition rule) {
        UUID id = TransactionIds.newId();
        jdbc.sql("""
                        INSERT INTO category_rules (id, user_id, priority, conditions, actions)
                        VALUES (?, ?, ?, ?::jsonb, ?::jsonb)""")
                .params(id, userId, rule.priority(), RuleJson.conditions(rule.conditions()),
                        RuleJson.actions(rule.actions()))
                .update();
        return id;
    }

    void replace(UUID userId, UUID id, RuleDefinition rule) {
        jdbc.sql("""
                        UPDATE category_rules SET priority = ?, conditions = ?::jsonb, actions = ?::jsonb,
                            updated_at = now()
                        WHERE user_id = ? AND id = ? AND deleted_at IS NULL""")
                .params(rule.priority(), RuleJson.conditions(rule.conditions()), RuleJson.actions(rule.actions()),
                        userId, id)
                .update();
    }

    void softDelete(UUID userId, UUID id) {
        jdbc.sql("UPDATE category_rules SET deleted_at = now(), updated_at = now() WHERE user_id = ? AND id = ?")
                .params(userId, id).update();
    }

    private static Rule map(ResultSet rs, int row) throws SQLException {
        return new Rule(rs.getObject(1, UUID.class), rs.getInt(2), RuleJson.conditions(rs.getString(3)),
                RuleJson.actions(rs.getString(4)), rs.getObject(5, OffsetDateTime.class).toInstant(),
                rs.getObject(6, OffsetDateTime.class).toInstant());
    }
}
