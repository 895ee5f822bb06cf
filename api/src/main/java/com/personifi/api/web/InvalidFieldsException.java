package com.personifi.api.web;

import java.util.List;

/**
 * Input that passed bean validation but breaks a rule only the domain can check (an unknown category, another
 * user's account, a regular expression that does not compile). Answered 400 with the same field errors as bean
 * validation, so clients read one shape.
 */
public class InvalidFieldsException extends RuntimeException {

    /** @param field the JSON path of the field in the request body, like {@code conditions.minAmount} */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidFieldsException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.errors = List.copyOf(errors);
    }

    public static InvalidFieldsException of(String field, String message) {
        return new InvalidFieldsException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
