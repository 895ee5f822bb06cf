package com.personifi.api.web;

/**
 * A request this API refuses as asked, with a message written for the person who sent it (a limit out of range, a
 * month that is not a month, a cursor it never handed out). Answered 400 in REST and {@code INVALID} or
 * {@code BAD_REQUEST} in GraphQL.
 *
 * <p>Only this type (and {@link InvalidFieldsException}) is shown to callers. An {@link IllegalArgumentException}
 * from elsewhere is a fault of ours: its message may speak of internals, so it is answered 500 without it.
 */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
