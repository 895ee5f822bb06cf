package com.personifi.api.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.validation.Validator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * GraphQL mutations over the services REST uses, answering expected failures as {@link UserError}s in their payload
 * rather than as GraphQL errors. The input is checked first against the same bean-validation constraints as the REST
 * body, with fields named as REST names them; then the failures a service raises are mapped as
 * {@link ApiExceptionHandler} maps them to problem documents. Anything else is a fault and stays an exception.
 */
@Component
public class UserErrors {

    /** What a mutation gave back: its value, or why there is none. */
    public record Outcome<T>(T value, List<UserError> errors) {

        public static <T> Outcome<T> failed(List<UserError> errors) {
            return new Outcome<>(null, List.copyOf(errors));
        }
    }

    private final SpringValidatorAdapter validator;

    UserErrors(Validator validator) {
        this.validator = new SpringValidatorAdapter(validator);
    }

    /** Every constraint the input breaks, each under its field. */
    public List<UserError> check(Object input) {
        BindingResult result = new BeanPropertyBindingResult(input, "input");
        validator.validate(input, result);
        List<UserError> errors = new ArrayList<>();
        result.getGlobalErrors().forEach(e -> errors.add(UserError.invalid(null, e.getDefaultMessage())));
        result.getFieldErrors().forEach(e -> errors.add(UserError.invalid(e.getField(), e.getDefaultMessage())));
        return errors;
    }

    /**
     * Runs {@code work} once {@code input} is valid (null: nothing to check).
     *
     * @param subject the argument naming the thing worked on ({@code id}, {@code code}): the field of a
     *                {@code NOT_FOUND} or {@code CONFLICT}
     */
    public <T> Outcome<T> attempt(Object input, String subject, Supplier<T> work) {
        List<UserError> invalid = input == null ? List.of() : check(input);
        if (!invalid.isEmpty()) {
            return Outcome.failed(invalid);
        }
        try {
            return new Outcome<>(work.get(), List.of());
        } catch (RuntimeException e) {
            return Outcome.failed(of(e, subject));
        }
    }

    /** The errors an expected failure stands for; an unexpected one is thrown again. */
    public static List<UserError> of(RuntimeException e, String subject) {
        if (e instanceof InvalidFieldsException invalid) {
            return invalid.errors().stream().map(f -> UserError.invalid(f.field(), f.message())).toList();
        }
        if (e instanceof NotFoundException) {
            return List.of(new UserError(UserError.Code.NOT_FOUND, subject, e.getMessage()));
        }
        if (e instanceof ConflictException) {
            return List.of(new UserError(UserError.Code.CONFLICT, subject, e.getMessage()));
        }
        if (e instanceof DuplicateKeyException) {
            return List.of(new UserError(UserError.Code.CONFLICT, subject, "You already have one by that name"));
        }
        if (e instanceof InvalidRequestException) {
            return List.of(UserError.invalid(null, e.getMessage()));
        }
        throw e;
    }
}
