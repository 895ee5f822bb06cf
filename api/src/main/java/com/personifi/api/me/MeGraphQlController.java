package com.personifi.api.me;

import java.util.List;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.UserError;
import com.personifi.api.web.UserErrors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/** The signed-in person's own settings in GraphQL, read and changed through the same service as REST. */
@Controller
class MeGraphQlController {

    record UpdateMePayload(PersonalSettings.Profile me, List<UserError> errors) {
    }

    private final PersonalSettings settings;
    private final UserErrors userErrors;

    MeGraphQlController(PersonalSettings settings, UserErrors userErrors) {
        this.settings = settings;
        this.userErrors = userErrors;
    }

    @QueryMapping
    PersonalSettings.Profile me(@AuthenticationPrincipal CurrentUser user) {
        return settings.profile(user.id());
    }

    @MutationMapping
    UpdateMePayload updateMe(@AuthenticationPrincipal CurrentUser user, @Argument PersonalSettings.Change input) {
        try {
            UserErrors.Outcome<PersonalSettings.Profile> changed = userErrors.attempt(input, null,
                    () -> settings.change(user.id(), input));
            return new UpdateMePayload(changed.value(), changed.errors());
        } catch (InvalidSettingsException e) {
            return new UpdateMePayload(null, e.errors().stream()
                    .map(error -> UserError.invalid(error.field(), error.message())).toList());
        }
    }
}
