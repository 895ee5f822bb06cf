package com.personifi.schemas;

import java.util.UUID;

/**
 * Redis key names shared by the processes that write and read them: the sink bumps a user's data version when it
 * writes that user's rows, and the API's cache keys include the version, so a stale entry is never read.
 */
public final class RedisKeys {

    private static final String PREFIX = "personifi:";

    private RedisKeys() {
    }

    /** Monotonic counter bumped on every write of the user's transactions. */
    public static String dataVersion(UUID userId) {
        return PREFIX + "user:" + userId + ":data-version";
    }

    /**
     * Pub/sub channel on which whoever bumps data versions names the users whose versions moved, comma-separated, after
     * bumping them: an API instance then stops believing the version it last read for them (and so its own copy of
     * their dashboard) without asking Redis on every request.
     */
    public static final String DATA_VERSION_CHANGES = PREFIX + "data-version-changes";

    /** Cached dashboard view of one user and data version; the view names itself and its parameters ("2024-05"). */
    public static String dashboard(UUID userId, long dataVersion, String view) {
        return dashboardOfAnyVersion(userId, view) + dataVersion;
    }

    /** {@link #dashboard} without its data version at the end, for a script that reads the version itself. */
    public static String dashboardOfAnyVersion(UUID userId, String view) {
        return PREFIX + "user:" + userId + ":dashboard:" + view + ":v";
    }

    /** Revoked access token id, kept until the token would have expired anyway. */
    public static String revokedToken(String jti) {
        return PREFIX + "auth:revoked:" + jti;
    }

    /** A rate limiter's state: scope (what is limited, e.g. "auth-ip") and the client it counts (an address, a login). */
    public static String rateLimit(String scope, String client) {
        return PREFIX + "rate-limit:" + scope + ":" + client;
    }

    /** A GraphQL query persisted by a client under its SHA-256 (hex), shared by every API instance. */
    public static String persistedQuery(String sha256) {
        return PREFIX + "graphql:persisted-query:" + sha256;
    }
}
