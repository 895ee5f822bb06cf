package com.personifi.api.auth;

import java.util.UUID;

/** The authenticated user of a request: every query is scoped to this id. */
public record CurrentUser(UUID id) {
}
