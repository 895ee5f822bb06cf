package com.personifi.ingest;

/** The upload is not a statement format PersoniFi reads; the message says what was seen. */
public final class UnsupportedStatementException extends RuntimeException {

    public UnsupportedStatementException(String message) {
        super(message);
    }
}
