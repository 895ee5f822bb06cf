package com.personifi.ingest.statement;

/**
 * The file is in a format PersoniFi reads, but cannot be read as a whole (no header, broken XML structure, a
 * forbidden DOCTYPE): nothing of it is imported, and the message says where and why. Problems of single rows are
 * not this: they are reported row by row while the rest goes on.
 */
public final class UnreadableStatementException extends RuntimeException {

    public UnreadableStatementException(String message) {
        super(message);
    }

    public UnreadableStatementException(String message, Throwable cause) {
        super(message, cause);
    }
}
