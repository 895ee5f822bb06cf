package com.personifi.api.web;

import java.util.List;
import java.util.Set;

/** {@code ?fields=} named fields the items do not have. */
class InvalidFieldsetException extends RuntimeException {

    private final List<String> unknown;
    private final Set<String> allowed;

    InvalidFieldsetException(List<String> unknown, Set<String> allowed) {
        super("Unknown field(s) " + String.join(", ", unknown) + "; allowed: " + String.join(", ", allowed));
        this.unknown = List.copyOf(unknown);
        this.allowed = allowed;
    }

    List<String> unknown() {
        return unknown;
    }

    Set<String> allowed() {
        return allowed;
    }
}
