package com.personifi.api.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * The authenticated user of a request: every query is scoped to this id.
 *
 * @param tokenId        the access token's {@code jti}, revoked at logout
 * @param tokenExpiresAt when the access token expires anyway, so a revocation need not be kept longer
 */
public record CurrentUser(UUID id, String tokenId, Instant tokenExpiresAt) {
}
