package com.personifi.api.accounts;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.personifi.api.web.InvalidFieldsException;
import com.personifi.schemas.accounts.AccountNumberCipher;
import com.personifi.schemas.money.Money;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Component;

/**
 * Opening and changing accounts, checked the same way for REST and GraphQL: the bean-validation constraints on the
 * inputs, then what they cannot say (the type, the currency, the length of a number once spaces and dashes are gone).
 */
@Component
class AccountDefinitions {

    static final Set<String> TYPES = Set.of("MOBILE_MONEY", "BANK", "CASH", "CARD", "CRYPTO", "SAVINGS", "LOAN");
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

    AccountDefinitions(Accounts accounts) {
        this.accounts = accounts;
    }

    /** @param account already valid by its constraints */
    Accounts.Account open(UUID userId, NewAccount account) {
        if (!TYPES.contains(account.type())) {
            throw InvalidFieldsException.of("type", "must be one of " + new TreeSet<>(TYPES));
        }
        try {
            Money.currency(account.currency());
        } catch (IllegalArgumentException e) {
            throw InvalidFieldsException.of("currency", e.getMessage());
        }
        checkLength(account.number());
        UUID id = accounts.create(userId, account.name(), account.type(), account.provider(), account.currency(),
                account.number());
        return accounts.find(userId, id).orElseThrow();
    }

    /** @return empty when the user has no such account */
    java.util.Optional<Accounts.Account> change(UUID userId, UUID accountId, AccountChange change) {
        if (change.number() != null && !change.number().isEmpty()) {
            checkLength(change.number());
        }
        return accounts.change(userId, accountId, new Accounts.Change(change.name(), change.provider(),
                change.number()));
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
}
