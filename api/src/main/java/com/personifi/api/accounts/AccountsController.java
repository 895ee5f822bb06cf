package com.personifi.api.accounts;

import java.util.List;
import java.util.UUID;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.NotFoundException;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The person's accounts. A number is taken in full, stored encrypted, and only ever answered masked. */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountsController {

    private final Accounts accounts;
    private final AccountDefinitions definitions;

    AccountsController(Accounts accounts, AccountDefinitions definitions) {
        this.accounts = accounts;
        this.definitions = definitions;
    }

    @GetMapping
    List<Accounts.Account> list(@AuthenticationPrincipal CurrentUser user) {
        return accounts.of(user.id());
    }

    @GetMapping("/{id}")
    Accounts.Account one(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return accounts.find(user.id(), id).orElseThrow(() -> notFound(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Accounts.Account create(@AuthenticationPrincipal CurrentUser user,
                            @Valid @RequestBody AccountDefinitions.NewAccount account) {
        return definitions.open(user.id(), account);
    }

    @PatchMapping("/{id}")
    Accounts.Account change(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                            @Valid @RequestBody AccountDefinitions.AccountChange change) {
        return definitions.change(user.id(), id, change).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        if (!accounts.delete(user.id(), id)) {
            throw notFound(id);
        }
    }

    @PostMapping("/{id}/restore")
    Accounts.Account restore(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return accounts.restore(user.id(), id).orElseThrow(() -> notFound(id));
    }

    static NotFoundException notFound(UUID id) {
        return new NotFoundException("No account " + id);
    }
}
