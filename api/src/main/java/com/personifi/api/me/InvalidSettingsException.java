package com.personifi.api.me;

import java.util.List;

/** Settings that cannot be: every wrong field at once, answered 400 with field errors. */
class InvalidSettingsException extends RuntimeException {

    record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    InvalidSettingsException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
        return errors;
    }
}
