package com.personifi.api.budgets;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.auth.Users;
import com.personifi.api.idempotency.GraphQlCreates;
import com.personifi.api.web.DeletePayload;
import com.personifi.api.web.UserError;
import com.personifi.api.web.UserErrors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Budgets in GraphQL, over the same services as REST. Each budget's live status is summed for all the budgets of an
 * answer in one statement, not one per budget; the mutations answer expected failures as typed errors.
 */
@Controller
class BudgetsGraphQlController {

    record BudgetPayload(Budgets.Budget budget, List<UserError> errors) {
    }

    private final Budgets budgets;
    private final BudgetChanges changes;
    private final BudgetStatuses statuses;
    private final Users users;
    private final UserErrors userErrors;
    private final GraphQlCreates creates;
    private final Clock clock = Clock.systemUTC();

    BudgetsGraphQlController(Budgets budgets, BudgetChanges changes, BudgetStatuses statuses, Users users,
                             UserErrors userErrors, GraphQlCreates creates) {
        this.creates = creates;
        this.budgets = budgets;
        this.changes = changes;
        this.statuses = statuses;
        this.users = users;
        this.userErrors = userErrors;
    }

    @QueryMapping(name = "budgets")
    List<Budgets.Budget> budgetList(@AuthenticationPrincipal CurrentUser user) {
        return budgets.of(user.id());
    }

    /** The current period of every budget in the answer, in the user's time zone, in one statement. */
    @BatchMapping(typeName = "Budget", field = "status")
    Map<Budgets.Budget, BudgetStatuses.Status> status(List<Budgets.Budget> shown, Principal principal) {
        CurrentUser user = (CurrentUser) ((Authentication) principal).getPrincipal();
        ZoneId zone = users.timeZone(user.id());
        List<BudgetStatuses.Status> found = statuses.of(user.id(), shown, LocalDate.now(clock.withZone(zone)), zone);
        Map<Budgets.Budget, BudgetStatuses.Status> byBudget = new LinkedHashMap<>();
        for (int i = 0; i < shown.size(); i++) {
            byBudget.put(shown.get(i), found.get(i));
        }
        return byBudget;
    }

    @MutationMapping
    BudgetPayload createBudget(@AuthenticationPrincipal CurrentUser user, @Argument BudgetDefinition input,
                               @Argument String idempotencyKey) {
        UserErrors.Outcome<Budgets.Budget> created = creates.once(user.id(), idempotencyKey, "createBudget", input,
                Budgets.Budget.class, () -> userErrors.attempt(input, null, () -> changes.create(user.id(), input)));
        return new BudgetPayload(created.value(), created.errors());
    }

    @MutationMapping
    BudgetPayload updateBudget(@AuthenticationPrincipal CurrentUser user, @Argument UUID id,
                               @Argument BudgetDefinition input) {
        UserErrors.Outcome<Budgets.Budget> replaced = userErrors.attempt(input, "id",
                () -> changes.replace(user.id(), id, input));
        return new BudgetPayload(replaced.value(), replaced.errors());
    }

    @MutationMapping
    DeletePayload deleteBudget(@AuthenticationPrincipal CurrentUser user, @Argument UUID id) {
        return DeletePayload.of(userErrors.attempt(null, "id", () -> {
            changes.delete(user.id(), id);
            return id;
        }));
    }
}
