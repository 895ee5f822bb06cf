package com.personifi.api.accounts;

import java.util.List;
import java.util.UUID;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.idempotency.GraphQlCreates;
import com.personifi.api.web.DeletePayload;
import com.personifi.api.web.UserError;
import com.personifi.api.web.UserErrors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Account changes in GraphQL, checked and carried out as REST does them; expected failures are typed errors in the
 * payload. The number is taken in full and only ever answered masked.
 */
@Controller
class AccountsGraphQlController {

    record AccountPayload(Accounts.Account account, List<UserError> errors) {

        static AccountPayload of(UserErrors.Outcome<Accounts.Account> outcome) {
            return new AccountPayload(outcome.value(), outcome.errors());
        }
    }

    private final Accounts accounts;
    private final AccountDefinitions definitions;
    private final UserErrors userErrors;
    private final GraphQlCreates creates;

    AccountsGraphQlController(Accounts accounts, AccountDefinitions definitions, UserErrors userErrors,
                              GraphQlCreates creates) {
        this.accounts = accounts;
        this.definitions = definitions;
        this.userErrors = userErrors;
        this.creates = creates;
    }

    @MutationMapping
    AccountPayload createAccount(@AuthenticationPrincipal CurrentUser user,
                                 @Argument AccountDefinitions.NewAccount input, @Argument String idempotencyKey) {
        return AccountPayload.of(creates.once(user.id(), idempotencyKey, "createAccount", input,
                Accounts.Account.class, () -> userErrors.attempt(input, null, () -> definitions.open(user.id(), input))));
    }

    @MutationMapping
    AccountPayload updateAccount(@AuthenticationPrincipal CurrentUser user, @Argument UUID id,
                                 @Argument AccountDefinitions.AccountChange input) {
        return AccountPayload.of(userErrors.attempt(input, "id", () -> definitions.change(user.id(), id, input)
                .orElseThrow(() -> AccountsController.notFound(id))));
    }

    @MutationMapping
    DeletePayload deleteAccount(@AuthenticationPrincipal CurrentUser user, @Argument UUID id) {
        return DeletePayload.of(userErrors.attempt(null, "id", () -> {
            if (!accounts.delete(user.id(), id)) {
                throw AccountsController.notFound(id);
            }
            return id;
        }));
    }

    @MutationMapping
    AccountPayload restoreAccount(@AuthenticationPrincipal CurrentUser user, @Argument UUID id) {
        return AccountPayload.of(userErrors.attempt(null, "id", () -> accounts.restore(user.id(), id)
                .orElseThrow(() -> AccountsController.notFound(id))));
    }
}
