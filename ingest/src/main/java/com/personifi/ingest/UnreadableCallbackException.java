package com.personifi.ingest;

/** A callback body that is not JSON, or not a Daraja callback PersoniFi can read; the message says what is wrong. */
public final class UnreadableCallbackException extends RuntimeException {

    public UnreadableCallbackException(String message) {
        super(message);
    }

    public UnreadableCallbackException(String message, Throwable cause) {
        super(message, cause);
    }
}
