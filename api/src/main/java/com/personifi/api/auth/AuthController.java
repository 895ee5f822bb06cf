package com.personifi.api.auth;

import java.time.ZoneId;
import java.util.UUID;

import com.personifi.api.accounts.Accounts;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up and sign-in with an email address or an E.164 phone number. */
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    public record RegisterRequest(
            @Pattern(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be an email address") String email,
            @Pattern(regexp = "^\\+[1-9]\\d{7,14}$", message = "must be an E.164 phone number like +254712345678") String phone,
            @NotBlank @Size(min = 8, max = 128) String password,
            @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code like KES") String baseCurrency,
            String timeZone) {
    }

    public record RegisterResponse(UUID userId, UUID defaultAccountId, String baseCurrency) {
    }

    public record LoginRequest(String email, String phone, @NotBlank String password) {
    }

    public record LoginResponse(String accessToken, String tokenType, long expiresIn) {
    }

    public static final class LoginFailed extends RuntimeException {
        LoginFailed() {
            super("Unknown login or wrong password");
        }
    }

    public static final class AlreadyRegistered extends RuntimeException {
        AlreadyRegistered() {
            super("An account with this email or phone already exists");
        }
    }

    private final Users users;
    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final TokenService tokens;
    private final UserSettingsPublisher settings;

    AuthController(Users users, Accounts accounts, PasswordEncoder passwords, TokenService tokens,
                   UserSettingsPublisher settings) {
        this.users = users;
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.settings = settings;
    }

    /** Creates the user with an M-Pesa wallet in the base currency, ready for a first statement upload. */
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    public RegisterResponse register(@Valid @RequestBody RegisterRequest request) {
        String login = login(request.email(), request.phone());
        if (users.findByLogin(login).isPresent()) {
            throw new AlreadyRegistered();
        }
        String baseCurrency = request.baseCurrency() == null ? "KES" : request.baseCurrency();
        Money.currency(baseCurrency);
        String timeZone = request.timeZone() == null ? "Africa/Nairobi" : ZoneId.of(request.timeZone()).getId();
        Users.User user = new Users.User(TransactionIds.newId(),
                request.email() == null ? null : request.email().toLowerCase(), request.phone(),
                passwords.encode(request.password()), baseCurrency, timeZone);
        users.create(user);
        UUID wallet = accounts.create(user.id(), "M-Pesa", "MOBILE_MONEY", "M-PESA", "KES");
        settings.publish(user);
        return new RegisterResponse(user.id(), wallet, baseCurrency);
    }

    @PostMapping("/login")
    public LoginResponse login(@Valid @RequestBody LoginRequest request) {
        Users.User user = users.findByLogin(login(request.email(), request.phone())).orElseThrow(LoginFailed::new);
        if (!passwords.matches(request.password(), user.passwordHash())) {
            throw new LoginFailed();
        }
        TokenService.AccessToken token = tokens.issue(user.id());
        return new LoginResponse(token.token(), "Bearer",
                token.expiresAt().getEpochSecond() - java.time.Instant.now().getEpochSecond());
    }

    private static String login(String email, String phone) {
        if ((email == null) == (phone == null)) {
            throw new IllegalArgumentException("Give exactly one of email or phone");
        }
        return email != null ? email.toLowerCase() : phone;
    }
}
