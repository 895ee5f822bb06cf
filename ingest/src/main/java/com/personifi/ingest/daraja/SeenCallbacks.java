package com.personifi.ingest.daraja;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Callbacks a feed has already taken, so a replayed delivery is acknowledged without publishing again. */
@Repository
public class SeenCallbacks {

    private final JdbcClient jdbc;

    public SeenCallbacks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims a callback for this delivery; false when it was taken before. Inside a database transaction the claim
     * holds the row, so a concurrent second delivery waits for the first to commit or roll back.
     */
    public boolean claim(UUID feedId, String callbackId) {
        return jdbc.sql("""
                INSERT INTO mpesa_callbacks_seen (feed_id, callback_id) VALUES (?, ?)
                ON CONFLICT (feed_id, callback_id) DO NOTHING""")
                .params(feedId, callbackId).update() == 1;
    }
}
