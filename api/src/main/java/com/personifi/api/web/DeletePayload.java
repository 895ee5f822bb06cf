package com.personifi.api.web;

import java.util.List;
import java.util.UUID;

/** What a GraphQL mutation deleting something by id answers: the id once deleted, else why not. */
public record DeletePayload(UUID deletedId, List<UserError> errors) {

    public static DeletePayload of(UserErrors.Outcome<UUID> outcome) {
        return new DeletePayload(outcome.value(), outcome.errors());
    }
}
