package com.personifi.api.web;

/** The request is understood but the thing's state forbids it (a built-in category cannot be deleted). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
