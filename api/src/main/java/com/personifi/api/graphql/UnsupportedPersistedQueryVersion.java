package com.personifi.api.graphql;

import graphql.execution.preparsed.persisted.PersistedQueryError;

/** Only version 1 of the protocol (SHA-256) exists; a client speaking another is told so rather than guessed at. */
final class UnsupportedPersistedQueryVersion extends PersistedQueryError {

    private final Object version;

    UnsupportedPersistedQueryVersion(Object version) {
        this.version = version;
    }

    @Override
    public String getMessage() {
        return "Unsupported persisted query version " + version + "; only version 1 is known";
    }
}
