package com.personifi.api.auth;

import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users and their settings in PostgreSQL. */
@Repository
public class Users {

    public record User(UUID id, String email, String phone, String passwordHash, String baseCurrency, String timeZone) {
    }

    private final JdbcClient jdbc;

    public Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void create(User user) {
        jdbc.sql("""
                INSERT INTO users (id, email, phone, password_hash, base_currency, time_zone)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(user.id(), user.email(), user.phone(), user.passwordHash(), user.baseCurrency(),
                        user.timeZone())
                .update();
    }

    public Optional<User> findByLogin(String login) {
        return jdbc.sql("""
                SELECT id, email, phone, password_hash, base_currency, time_zone FROM users
                WHERE (email = lower(?) OR phone = ?) AND deleted_at IS NULL""")
                .params(login, login)
                .query((rs, row) -> new User(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .optional();
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("""
                SELECT id, email, phone, password_hash, base_currency, time_zone FROM users
                WHERE id = ? AND deleted_at IS NULL""")
                .param(id)
                .query((rs, row) -> new User(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .optional();
    }

    /** Where the user's days and months begin; Nairobi's for a user no longer there. */
    public ZoneId timeZone(UUID id) {
        return findById(id).map(u -> ZoneId.of(u.timeZone())).orElse(ZoneId.of("Africa/Nairobi"));
    }
}
