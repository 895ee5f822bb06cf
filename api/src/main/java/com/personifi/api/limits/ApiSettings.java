package com.personifi.api.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API-wide settings ({@code personifi.api.*}).
 *
 * @param requestsPerMinute requests one signed-in user may make per minute to {@code /api/v1} and {@code /graphql},
 *                          operations over the GraphQL WebSocket included, over all their devices; ten a second is
 *                          far beyond what an app does
 */
@ConfigurationProperties("personifi.api")
record ApiSettings(@DefaultValue("600") int requestsPerMinute) {
}
