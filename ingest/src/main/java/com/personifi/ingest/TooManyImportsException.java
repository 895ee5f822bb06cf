package com.personifi.ingest;

/** The person already has as many imports waiting or running as one may; one of them must finish first. */
public class TooManyImportsException extends RuntimeException {

    public TooManyImportsException(int limit) {
        super("You already have " + limit + " imports waiting or running; upload this one when one of them has "
                + "finished");
    }
}
