package com.personifi.api.web;

/**
 * Why a GraphQL mutation did not do what was asked: the typed counterpart of a REST problem document.
 *
 * @param field the input field at fault, as REST names it in a problem's {@code errors} ({@code amount},
 *              {@code conditions.minAmount}, {@code thresholds[0]}), or the argument naming the thing ({@code id});
 *              null when no one field is
 */
public record UserError(Code code, String field, String message) {

    /** {@code UserErrorCode} in the schema. */
    public enum Code {
        /** the input breaks a rule; REST answers 400 */
        INVALID,
        /** no such thing for this user; REST answers 404 */
        NOT_FOUND,
        /** the thing's state forbids it (a built-in category, a code already used); REST answers 409 */
        CONFLICT
    }

    public static UserError invalid(String field, String message) {
        return new UserError(Code.INVALID, field, message);
    }
}
