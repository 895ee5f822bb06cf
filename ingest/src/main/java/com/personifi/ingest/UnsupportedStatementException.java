package com.personifi.ingest;

/** The upload is not a statement format PersoniFi reads; the message says what was seen. */
public class UnsupportedStatementException extends RuntimeException {

    public UnsupportedStatementException(String message) {
        super(message);
    }

    protected UnsupportedStatementException(String message, Throwable cause) {
        super(message, cause);
    }
}
