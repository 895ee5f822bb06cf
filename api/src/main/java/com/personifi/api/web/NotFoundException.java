package com.personifi.api.web;

/** The thing asked for does not exist for this user (another user's id looks exactly like a missing one). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
