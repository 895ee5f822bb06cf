package com.personifi.ingest;

import java.util.UUID;

/** Import one statement file into one of the user's accounts (ownership is checked by the caller). */
public record ImportCommand(UUID userId, UUID accountId, String accountCurrency, String fileName) {
}
