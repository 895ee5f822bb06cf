package com.personifi.api.feeds;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Daraja callback feeds. Writes are scoped to the owner; the callback lookup is by feed id, before any user is known. */
@Repository
class MpesaFeeds {

    /**
     * A live feed as the callback endpoint needs it: whose it is, where it pours, the hash to check against, and since
     * when its callbacks must be signed (null: not yet).
     */
    record LiveFeed(UUID id, UUID userId, UUID accountId, byte[] tokenHash, Instant signedSince) {
    }

    private final JdbcClient jdbc;

    MpesaFeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID create(UUID userId, UUID accountId, byte[] tokenHash) {
        UUID id = TransactionIds.newId();
        jdbc.sql("INSERT INTO mpesa_feeds (id, user_id, account_id, token_hash) VALUES (?, ?, ?, ?)")
                .params(id, userId, accountId, tokenHash).update();
        return id;
    }

    /** Not revoked, and its account still exists and still belongs to the feed's owner. */
    Optional<LiveFeed> live(UUID feedId) {
        return jdbc.sql("""
                SELECT f.id, f.user_id, f.account_id, f.token_hash, f.signed_since FROM mpesa_feeds f
                JOIN accounts a ON a.id = f.account_id AND a.user_id = f.user_id AND a.deleted_at IS NULL
                WHERE f.id = ? AND f.revoked_at IS NULL""")
                .param(feedId).query(LiveFeed.class).optional();
    }

    /** From the first validly signed callback on, the feed takes signed ones only. */
    void requireSignatures(UUID feedId) {
        jdbc.sql("UPDATE mpesa_feeds SET signed_since = now() WHERE id = ? AND signed_since IS NULL").param(feedId)
                .update();
    }

    boolean revoke(UUID userId, UUID feedId) {
        return jdbc.sql("UPDATE mpesa_feeds SET revoked_at = now() WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(feedId, userId).update() == 1;
    }
}
