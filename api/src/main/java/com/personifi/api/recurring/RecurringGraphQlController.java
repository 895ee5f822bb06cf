package com.personifi.api.recurring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.auth.Users;
import com.personifi.api.idempotency.GraphQlCreates;
import com.personifi.api.web.DeletePayload;
import com.personifi.api.web.UserError;
import com.personifi.api.web.UserErrors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Recurring rules in GraphQL, over the same services as REST, each with its next occurrence from the user's today.
 * Dates arrive as text, so one that is not a date is a typed error on its field like any other bad input.
 */
@Controller
class RecurringGraphQlController {

    /** {@link RecurringDefinition} as GraphQL sends it, dates as YYYY-MM-DD. */
    record RecurringRuleInput(UUID accountId, BigDecimal amount, String description, String counterparty,
                              String category, String cadence, Integer interval, String startDate,
                              String endDate) {
    }

    record RecurringRulePayload(RecurringController.RecurringRule recurringRule, List<UserError> errors) {
    }

    private final RecurringRules recurring;
    private final RecurringChanges changes;
    private final Users users;
    private final UserErrors userErrors;
    private final GraphQlCreates creates;
    private final Clock clock = Clock.systemUTC();

    RecurringGraphQlController(RecurringRules recurring, RecurringChanges changes, Users users,
                               UserErrors userErrors, GraphQlCreates creates) {
        this.creates = creates;
        this.recurring = recurring;
        this.changes = changes;
        this.users = users;
        this.userErrors = userErrors;
    }

    @QueryMapping
    List<RecurringController.RecurringRule> recurringRules(@AuthenticationPrincipal CurrentUser user) {
        LocalDate today = today(user);
        return recurring.of(user.id()).stream().map(r -> RecurringController.RecurringRule.of(r, today)).toList();
    }

    @MutationMapping
    RecurringRulePayload createRecurringRule(@AuthenticationPrincipal CurrentUser user,
                                             @Argument RecurringRuleInput input, @Argument String idempotencyKey) {
        UserErrors.Outcome<RecurringController.RecurringRule> created = creates.once(user.id(), idempotencyKey,
                "createRecurringRule", input, RecurringController.RecurringRule.class, () -> {
                    RecurringRulePayload saved = save(user, input, null);
                    return saved.recurringRule() == null ? UserErrors.Outcome.failed(saved.errors())
                            : new UserErrors.Outcome<>(saved.recurringRule(), List.of());
                });
        return new RecurringRulePayload(created.value(), created.errors());
    }

    @MutationMapping
    RecurringRulePayload updateRecurringRule(@AuthenticationPrincipal CurrentUser user, @Argument UUID id,
                                             @Argument RecurringRuleInput input) {
        return save(user, input, id);
    }

    @MutationMapping
    DeletePayload deleteRecurringRule(@AuthenticationPrincipal CurrentUser user, @Argument UUID id) {
        return DeletePayload.of(userErrors.attempt(null, "id", () -> {
            changes.delete(user.id(), id);
            return id;
        }));
    }

    /** Creates a rule, or replaces rule {@code id} whole as REST's PUT does. */
    private RecurringRulePayload save(CurrentUser user, RecurringRuleInput input, UUID id) {
        List<UserError> notDates = new ArrayList<>();
        LocalDate startDate = date(input.startDate(), "startDate", notDates);
        LocalDate endDate = date(input.endDate(), "endDate", notDates);
        if (!notDates.isEmpty()) {
            return new RecurringRulePayload(null, notDates);
        }
        RecurringDefinition definition = new RecurringDefinition(input.accountId(), input.amount(),
                input.description(), input.counterparty(), input.category(), input.cadence(), input.interval(),
                startDate, endDate);
        LocalDate today = today(user);
        UserErrors.Outcome<RecurringRules.Stored> saved = userErrors.attempt(definition, id == null ? null : "id",
                () -> id == null ? changes.create(user.id(), definition, today)
                        : changes.replace(user.id(), id, definition, today));
        return new RecurringRulePayload(saved.value() == null ? null
                : RecurringController.RecurringRule.of(saved.value(), today), saved.errors());
    }

    private LocalDate today(CurrentUser user) {
        return LocalDate.now(clock.withZone(users.timeZone(user.id())));
    }

    private static LocalDate date(String value, String field, List<UserError> errors) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(UserError.invalid(field, "must be a date like 2024-05-31"));
            return null;
        }
    }
}
