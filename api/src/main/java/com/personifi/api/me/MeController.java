package com.personifi.api.me;

import java.util.Map;

import com.personifi.api.auth.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in person's own profile and settings. */
@RestController
@RequestMapping("/api/v1/me")
class MeController {

    private final PersonalSettings settings;

    MeController(PersonalSettings settings) {
        this.settings = settings;
    }

    /**
     * Email, phone, base currency, locale, time zone, and for each kind of notification and channel whether it is on
     * ({@code userChoice} false: it follows the platform's default).
     */
    @GetMapping
    PersonalSettings.Profile me(@AuthenticationPrincipal CurrentUser user) {
        return settings.profile(user.id());
    }

    /**
     * Changes what is given: {@code baseCurrency} (ISO 4217; transactions from now on are converted to it),
     * {@code locale} (BCP 47), {@code timeZone} (IANA), and {@code notifications}, a list of
     * {@code {kind, channel, enabled}}.
     */
    @PatchMapping
    PersonalSettings.Profile change(@AuthenticationPrincipal CurrentUser user,
                                    @Valid @RequestBody PersonalSettings.Change change) {
        return settings.change(user.id(), change);
    }

    @ExceptionHandler(InvalidSettingsException.class)
    ProblemDetail invalidSettings(InvalidSettingsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are invalid");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.errors().stream()
                .map(error -> Map.of("field", error.field(), "message", error.message()))
                .toList());
        return problem;
    }
}
