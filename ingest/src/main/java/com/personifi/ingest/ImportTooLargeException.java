package com.personifi.ingest;

/** The upload passes the size or row limit of one import; nothing of it was imported. */
public class ImportTooLargeException extends RuntimeException {

    public ImportTooLargeException(String message) {
        super(message);
    }
}
