package com.personifi.api.accounts;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.InvalidFieldsException;
import com.personifi.api.web.NotFoundException;
import com.personifi.schemas.accounts.AccountNumberCipher;
import com.personifi.schemas.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

    private static final Set<String> TYPES = Set.of("MOBILE_MONEY", "BANK", "CASH", "CARD", "CRYPTO", "SAVINGS", "LOAN");
    /** Digits and letters, as written on a card or statement: spaces and dashes are allowed and ignored. */
    private static final String NUMBER = "^[A-Za-z0-9][A-Za-z0-9 -]*$";

    record NewAccount(@NotBlank @Size(max = 100) String name, @NotBlank String type, @Size(max = 100) String provider,
                      @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code like KES") String currency,
                      @Size(max = 64) @Pattern(regexp = NUMBER, message = "must be letters and digits") String number) {
    }

    /** Absent fields stay as they are; an empty {@code number} removes the number on file. */
    record AccountChange(@Size(min = 1, max = 100) String name, @Size(max = 100) String provider,
                         @Size(max = 64) @Pattern(regexp = "^$|" + NUMBER, message = "must be letters and digits")
                         String number) {
    }

    private final Accounts accounts;

    AccountsController(Accounts accounts) {
        this.accounts = accounts;
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
    Accounts.Account create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody NewAccount account) {
        if (!TYPES.contains(account.type())) {
            throw InvalidFieldsException.of("type", "must be one of " + new java.util.TreeSet<>(TYPES));
        }
        Money.currency(account.currency());
        checkLength(account.number());
        var id = accounts.create(user.id(), account.name(), account.type(), account.provider(), account.currency(),
                account.number());
        return accounts.find(user.id(), id).orElseThrow();
    }

    @PatchMapping("/{id}")
    Accounts.Account change(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                            @Valid @RequestBody AccountChange change) {
        if (change.number() != null && !change.number().isEmpty()) {
            checkLength(change.number());
        }
        return accounts.change(user.id(), id, new Accounts.Change(change.name(), change.provider(), change.number()))
                .orElseThrow(() -> notFound(id));
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

    /** IBANs run to 34 characters, card and mobile-money numbers to about 19; fewer than 4 identify nothing. */
    private static void checkLength(String number) {
        if (number != null) {
            int length = AccountNumberCipher.normalize(number).length();
            if (length < 4 || length > 34) {
                throw InvalidFieldsException.of("number", "must have 4 to 34 letters and digits");
            }
        }
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No account " + id);
    }
}
