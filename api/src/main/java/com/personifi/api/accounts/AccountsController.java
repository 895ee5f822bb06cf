package com.personifi.api.accounts;

import java.util.List;
import java.util.Set;

import com.personifi.api.auth.CurrentUser;
import com.personifi.schemas.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/accounts")
class AccountsController {

    private static final Set<String> TYPES = Set.of("MOBILE_MONEY", "BANK", "CASH", "CARD", "CRYPTO", "SAVINGS", "LOAN");

    record NewAccount(@NotBlank String name, @NotBlank String type, String provider,
                      @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code like KES") String currency) {
    }

    private final Accounts accounts;

    AccountsController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    List<Accounts.Account> list(@AuthenticationPrincipal CurrentUser user) {
        return accounts.of(user.id());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Accounts.Account create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody NewAccount account) {
        if (!TYPES.contains(account.type())) {
            throw new IllegalArgumentException("type must be one of " + TYPES);
        }
        Money.currency(account.currency());
        var id = accounts.create(user.id(), account.name(), account.type(), account.provider(), account.currency());
        return accounts.find(user.id(), id).orElseThrow();
    }
}
