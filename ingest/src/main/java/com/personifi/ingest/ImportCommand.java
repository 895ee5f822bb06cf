package com.personifi.ingest;

import java.time.ZoneId;
import java.util.UUID;

/**
 * Import one statement file into one of the user's accounts (ownership is checked by the caller).
 *
 * @param timeZone where the user lives: a bank statement's dates without a time are placed at noon there
 */
public record ImportCommand(UUID userId, UUID accountId, String accountCurrency, String fileName, ZoneId timeZone) {

    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Africa/Nairobi");

    public ImportCommand(UUID userId, UUID accountId, String accountCurrency, String fileName) {
        this(userId, accountId, accountCurrency, fileName, DEFAULT_TIME_ZONE);
    }
}
