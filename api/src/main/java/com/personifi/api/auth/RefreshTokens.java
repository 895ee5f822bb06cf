package com.personifi.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh tokens: random, opaque, stored only as their SHA-256. A refresh uses the token up and hands out the next
 * one of the same family; a used or revoked token presented again revokes the whole family, because then two parties
 * hold it and we cannot tell which one is the user.
 */
@Repository
class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Issued(String token, Instant expiresAt) {
    }

    /** What presenting a refresh token led to. */
    sealed interface Refresh {
        record Rotated(UUID userId, Issued next) implements Refresh {
        }

        /** Unknown, expired, or (after revoking its family) reused: the client must sign in again. */
        record Refused(String reason) implements Refresh {
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AuthSettings settings;
    private final Clock clock = Clock.systemUTC();

    RefreshTokens(JdbcClient jdbc, TransactionTemplate transaction, AuthSettings settings) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = settings;
    }

    /** The first token of a new family, at sign-in. */
    Issued startFamily(UUID userId) {
        return issue(userId, TransactionIds.newId());
    }

    Refresh rotate(String token) {
        // committed even when refused: revoking a family because of a reused token must stick
        return transaction.execute(status -> {
            Optional<UUID> family = jdbc.sql("SELECT family_id FROM refresh_tokens WHERE token_hash = ?")
                    .param(hash(token)).query(UUID.class).optional();
            if (family.isEmpty()) {
                return new Refresh.Refused("Unknown refresh token");
            }
            // the family first, then the row, in the same order as a revocation: no deadlock between the two
            UUID familyId = family.get();
            lockFamily(familyId);
            Map<String, Object> row = jdbc.sql("""
                            SELECT id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens
                            WHERE token_hash = ? FOR UPDATE""")
                    .param(hash(token)).query().singleRow();
            UUID userId = (UUID) row.get("user_id");
            if (row.get("used_at") != null || row.get("revoked_at") != null || familyRevoked(familyId)) {
                int revoked = revokeFamily(familyId);
                log.warn("Refresh token reused for user {}: its family of sessions revoked ({} tokens)", userId,
                        revoked);
                return new Refresh.Refused("Refresh token already used; sign in again");
            }
            if (!((Timestamp) row.get("expires_at")).toInstant().isAfter(clock.instant())) {
                return new Refresh.Refused("Refresh token expired; sign in again");
            }
            jdbc.sql("UPDATE refresh_tokens SET used_at = now() WHERE id = ?").param(row.get("id")).update();
            return new Refresh.Rotated(userId, issue(userId, familyId));
        });
    }

    /**
     * Rotation and revocation of one family take turns: without this, a revocation could miss the next token a
     * concurrent rotation was just issuing, and that token would live on.
     */
    private void lockFamily(UUID familyId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param(familyId.toString())
                .query((rs, row) -> 1).list();
    }

    private boolean familyRevoked(UUID familyId) {
        return jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE family_id = ? AND revoked_at IS NOT NULL")
                .param(familyId).query(Long.class).single() > 0;
    }

    /** Logout: the token's whole family, so no token handed out since that sign-in works any more. */
    void revokeFamilyOf(UUID userId, String token) {
        transaction.executeWithoutResult(status -> jdbc.sql(
                        "SELECT family_id FROM refresh_tokens WHERE token_hash = ? AND user_id = ?")
                .params(hash(token), userId).query(UUID.class).optional().ifPresent(familyId -> {
                    lockFamily(familyId);
                    revokeFamily(familyId);
                }));
    }

    private int revokeFamily(UUID familyId) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL")
                .param(familyId).update();
    }

    private Issued issue(UUID userId, UUID familyId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = clock.instant().plus(settings.refreshTokenTtl());
        jdbc.sql("""
                        INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(TransactionIds.newId(), familyId, userId, hash(token), Timestamp.from(expiresAt)).update();
        return new Issued(token, expiresAt);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
