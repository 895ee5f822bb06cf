package com.personifi.api.auth;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.personifi.api.accounts.Accounts;
import com.personifi.api.web.InvalidFieldsException;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates users: the person, a hashed password, and an M-Pesa wallet ready for a first statement upload. Used by the
 * sign-up endpoint (after its rate limit) and by the platform itself for its demo user.
 */
@Service
public class SignUps {

    private final Users users;
    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final UserSettingsPublisher settings;

    SignUps(Users users, Accounts accounts, PasswordEncoder passwords, UserSettingsPublisher settings) {
        this.users = users;
        this.accounts = accounts;
        this.passwords = passwords;
        this.settings = settings;
    }

    @Transactional
    public AuthController.RegisterResponse register(AuthController.RegisterRequest request) {
        String login = AuthController.login(request.email(), request.phone());
        if (users.findByLogin(login).isPresent()) {
            throw new AuthController.AlreadyRegistered();
        }
        String baseCurrency = request.baseCurrency() == null ? "KES" : request.baseCurrency();
        String timeZone = request.timeZone() == null ? "Africa/Nairobi" : request.timeZone();
        List<InvalidFieldsException.FieldError> invalid = new ArrayList<>();
        try {
            Money.currency(baseCurrency);
        } catch (IllegalArgumentException e) {
            invalid.add(new InvalidFieldsException.FieldError("baseCurrency", "is not an ISO 4217 currency"));
        }
        // region ids only, as PATCH /me takes them: a fixed offset knows nothing of a country's clock changes
        if (ZoneId.getAvailableZoneIds().contains(timeZone)) {
            timeZone = ZoneId.of(timeZone).getId();
        } else {
            invalid.add(new InvalidFieldsException.FieldError("timeZone",
                    "must be an IANA time zone like Africa/Nairobi"));
        }
        if (!invalid.isEmpty()) {
            throw new InvalidFieldsException(invalid);
        }
        Users.User user = new Users.User(TransactionIds.newId(),
                request.email() == null ? null : request.email().toLowerCase(), request.phone(),
                passwords.encode(request.password()), baseCurrency, timeZone);
        users.create(user);
        UUID wallet = accounts.create(user.id(), "M-Pesa", "MOBILE_MONEY", "M-PESA", "KES");
        settings.publish(user);
        return new AuthController.RegisterResponse(user.id(), wallet, baseCurrency);
    }
}
