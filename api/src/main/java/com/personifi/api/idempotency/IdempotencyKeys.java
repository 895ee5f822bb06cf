package com.personifi.api.idempotency;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_keys} table. A claim and a release commit on their own, outside the request's work: a claim
 * must be visible to a concurrent request before that work starts. The answer is written inside the work's
 * transaction, so the two are kept together or not at all.
 */
@Repository
class IdempotencyKeys {

    /** The first request under a key: still running while {@code status} is null. */
    record Earlier(byte[] fingerprint, Integer status, String contentType, String location, byte[] body) {

        boolean inFlight() {
            return status == null;
        }
    }

    /** A stored answer. */
    record Answer(int status, String contentType, String location, byte[] body) {
    }

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for a request about to run. A key whose earlier request expired (answered more than a day ago,
     * or still "running" past its lease because its process died) is taken over.
     *
     * @return whether this request holds the key and may run
     */
    boolean claim(UUID userId, String key, byte[] fingerprint, Duration lease) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys (user_id, idempotency_key, fingerprint, expires_at)
                        VALUES (?, ?, ?, now() + make_interval(secs => ?))
                        ON CONFLICT (user_id, idempotency_key) DO UPDATE SET
                            fingerprint = EXCLUDED.fingerprint, response_status = NULL, content_type = NULL,
                            location = NULL, body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
                        WHERE idempotency_keys.expires_at < now()
                        RETURNING 1""")
                .params(userId, key, fingerprint, (double) lease.toSeconds())
                .query(Integer.class).optional().isPresent();
    }

    Optional<Earlier> earlier(UUID userId, String key) {
        return jdbc.sql("""
                        SELECT fingerprint, response_status, content_type, location, body FROM idempotency_keys
                        WHERE user_id = ? AND idempotency_key = ?""")
                .params(userId, key)
                .query((rs, n) -> new Earlier(rs.getBytes(1), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getString(4), rs.getBytes(5)))
                .optional();
    }

    void answer(UUID userId, String key, Answer answer, Duration retention) {
        jdbc.sql("""
                        UPDATE idempotency_keys SET response_status = ?, content_type = ?, location = ?, body = ?,
                            expires_at = now() + make_interval(secs => ?)
                        WHERE user_id = ? AND idempotency_key = ?""")
                .params(answer.status(), answer.contentType(), answer.location(), answer.body(),
                        (double) retention.toSeconds(), userId, key)
                .update();
    }

    /** A request that failed leaves no trace: the client may correct it and send it again under the same key. */
    void release(UUID userId, String key) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE user_id = ? AND idempotency_key = ? AND response_status IS NULL")
                .params(userId, key).update();
    }

    /** @return how many expired keys were removed */
    int removeExpired(int atMost) {
        return jdbc.sql("""
                        DELETE FROM idempotency_keys WHERE ctid IN (
                            SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT ?)""")
                .param(atMost).update();
    }
}
