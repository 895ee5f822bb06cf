package com.personifi.ingest;

import java.time.ZoneId;
import java.util.UUID;

/**
 * Import one statement file into one of the user's accounts (ownership is checked by the caller).
 *
 * @param timeZone where the user lives: a bank statement's dates without a time are placed at noon there
 * @param password opens a protected statement; prints as {@code ****}, and is cleared once the import has read it
 * @param csvProfileId the user's saved bank CSV profile to read the file with; null to recognise the file by content
 *                     (a built-in format, else the first saved profile whose header the file carries)
 */
public record ImportCommand(UUID userId, UUID accountId, String accountCurrency, String fileName, ZoneId timeZone,
                            UploadPassword password, UUID csvProfileId) {

    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Africa/Nairobi");

    public ImportCommand {
        password = password == null ? UploadPassword.none() : password;
    }

    public ImportCommand(UUID userId, UUID accountId, String accountCurrency, String fileName, ZoneId timeZone,
                         UploadPassword password) {
        this(userId, accountId, accountCurrency, fileName, timeZone, password, null);
    }

    public ImportCommand(UUID userId, UUID accountId, String accountCurrency, String fileName, ZoneId timeZone) {
        this(userId, accountId, accountCurrency, fileName, timeZone, UploadPassword.none());
    }

    public ImportCommand(UUID userId, UUID accountId, String accountCurrency, String fileName) {
        this(userId, accountId, accountCurrency, fileName, DEFAULT_TIME_ZONE);
    }
}
