package com.personifi.connectors.notify;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where a user is reached, read when a message is sent: a number or address changed since the notification was
 * planned is the one used.
 */
@Repository
class Recipients {

    /** @param phone E.164, or null; @param email or null */
    record Contact(String phone, String email) {

        @Override
        public String toString() {
            return "Contact[phone=" + (phone == null ? null : Masking.phone(phone)) + "]";
        }
    }

    private final JdbcClient jdbc;

    Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Contact> of(UUID userId) {
        return jdbc.sql("SELECT phone, email FROM users WHERE id = ? AND deleted_at IS NULL")
                .param(userId)
                .query((rs, n) -> new Contact(rs.getString("phone"), rs.getString("email")))
                .optional();
    }
}
