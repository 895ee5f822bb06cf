package com.personifi.ingest;

import java.util.UUID;

/** The upload names a bank CSV profile its user does not have. */
public class UnknownCsvProfileException extends RuntimeException {

    public UnknownCsvProfileException(UUID profileId) {
        super("No CSV profile " + profileId);
    }
}
