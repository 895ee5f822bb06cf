package com.personifi.api.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import com.personifi.api.web.InvalidRequestException;

/**
 * Sign-up and sign-in with an email address or an E.164 phone number; refresh and logout. Access tokens live 15
 * minutes; refresh tokens 7 days, each usable once.
 */
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    /** The web client's refresh token. */
    public static final String REFRESH_COOKIE = "personifi_refresh";

    public record RegisterRequest(
            @Pattern(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be an email address") String email,
            @Pattern(regexp = "^\\+[1-9]\\d{7,14}$", message = "must be an E.164 phone number like +254712345678") String phone,
            @NotBlank @Size(min = 8, max = 128) String password,
            @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code like KES") String baseCurrency,
            String timeZone) {
    }

    public record RegisterResponse(UUID userId, UUID defaultAccountId, String baseCurrency) {
    }

    /**
     * @param client {@code web} to receive the refresh token as an HttpOnly cookie instead of in the body; mobile
     *               clients (the default) keep it in the body and store it themselves
     */
    public record LoginRequest(String email, String phone, @NotBlank String password,
                               @Pattern(regexp = "^(web|mobile)$", message = "must be web or mobile") String client) {
    }

    /** {@code refreshToken} is absent when it went into the cookie. */
    public record LoginResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                                long refreshExpiresIn) {
    }

    /** The refresh token, when the client keeps it in the body; web clients send the cookie instead. */
    public record RefreshRequest(String refreshToken) {
    }

    /** The refresh token was unknown, expired, or reused (then its family was revoked): sign in again. */
    public static final class RefreshRefused extends RuntimeException {
        RefreshRefused(String reason) {
            super(reason);
        }
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
    private final PasswordEncoder passwords;
    /** A hash of no one's password, checked for a login nobody has. */
    private final String unknownLoginHash;
    private final TokenService tokens;
    private final SignUps signUps;
    private final RefreshTokens refreshTokens;
    private final RevokedTokens revokedTokens;
    private final AuthRateLimiter rateLimiter;
    private final AuthSettings authSettings;

    AuthController(Users users, PasswordEncoder passwords, TokenService tokens, SignUps signUps,
                   RefreshTokens refreshTokens, RevokedTokens revokedTokens, AuthRateLimiter rateLimiter,
                   AuthSettings authSettings) {
        this.users = users;
        this.passwords = passwords;
        this.unknownLoginHash = passwords.encode(UUID.randomUUID().toString());
        this.tokens = tokens;
        this.signUps = signUps;
        this.refreshTokens = refreshTokens;
        this.revokedTokens = revokedTokens;
        this.rateLimiter = rateLimiter;
        this.authSettings = authSettings;
    }

    /** Creates the user with an M-Pesa wallet in the base currency, ready for a first statement upload. */
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    public RegisterResponse register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        rateLimiter.checkAddress(http.getRemoteAddr());
        login(request.email(), request.phone());
        return signUps.register(request);
    }

    @PostMapping("/login")
    public LoginResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http,
                               HttpServletResponse response) {
        rateLimiter.checkAddress(http.getRemoteAddr());
        String login = login(request.email(), request.phone());
        rateLimiter.checkLogin(login);
        Optional<Users.User> found = users.findByLogin(login);
        // an unknown login costs the same hashing as a known one, so the answer's time does not tell them apart
        boolean matches = passwords.matches(request.password(),
                found.map(Users.User::passwordHash).orElse(unknownLoginHash));
        if (found.isEmpty() || !matches) {
            throw new LoginFailed();
        }
        Users.User user = found.get();
        return signedIn(user.id(), refreshTokens.startFamily(user.id()), "web".equals(request.client()), response);
    }

    /**
     * A new access token for a refresh token, which is used up and replaced. The token comes in the body or, for
     * web clients, in the cookie set at sign-in; the answer goes back the same way.
     */
    @PostMapping("/refresh")
    public LoginResponse refresh(@RequestBody(required = false) RefreshRequest request,
                                 @CookieValue(name = REFRESH_COOKIE, required = false) String cookie,
                                 HttpServletRequest http, HttpServletResponse response) {
        rateLimiter.checkAddress(http.getRemoteAddr());
        boolean fromBody = request != null && request.refreshToken() != null && !request.refreshToken().isBlank();
        String token = fromBody ? request.refreshToken().strip() : cookie;
        if (token == null || token.isBlank()) {
            throw new RefreshRefused("No refresh token: send it in the body or the " + REFRESH_COOKIE + " cookie");
        }
        RefreshTokens.Refresh outcome = refreshTokens.rotate(token);
        if (outcome instanceof RefreshTokens.Refresh.Rotated rotated) {
            return signedIn(rotated.userId(), rotated.next(), !fromBody, response);
        }
        if (!fromBody) {
            response.addHeader(HttpHeaders.SET_COOKIE, refreshCookie("", Duration.ZERO).toString());
        }
        throw new RefreshRefused(((RefreshTokens.Refresh.Refused) outcome).reason());
    }

    /**
     * Ends the session: this access token is refused from now on (on every instance, until it would have expired),
     * and the refresh token given, if any, is revoked with its whole family.
     */
    @PostMapping("/logout")
    public ResponseEntity<Void> logout(@AuthenticationPrincipal CurrentUser user,
                                       @RequestBody(required = false) RefreshRequest request,
                                       @CookieValue(name = REFRESH_COOKIE, required = false) String cookie) {
        revokedTokens.revoke(user.tokenId(), user.tokenExpiresAt());
        String token = request != null && request.refreshToken() != null ? request.refreshToken().strip() : cookie;
        if (token != null && !token.isBlank()) {
            refreshTokens.revokeFamilyOf(user.id(), token);
        }
        return ResponseEntity.noContent()
                .header(HttpHeaders.SET_COOKIE, refreshCookie("", Duration.ZERO).toString()).build();
    }

    private LoginResponse signedIn(UUID userId, RefreshTokens.Issued refresh, boolean inCookie,
                                   HttpServletResponse response) {
        TokenService.AccessToken access = tokens.issue(userId);
        // both were issued just now, so their lifetimes are the configured ones
        long refreshSeconds = authSettings.refreshTokenTtl().toSeconds();
        if (inCookie) {
            response.addHeader(HttpHeaders.SET_COOKIE,
                    refreshCookie(refresh.token(), authSettings.refreshTokenTtl()).toString());
        }
        return new LoginResponse(access.token(), "Bearer", authSettings.accessTokenTtl().toSeconds(),
                inCookie ? null : refresh.token(), refreshSeconds);
    }

    /** HttpOnly so page scripts cannot read it; sent only to the auth endpoints; SameSite=Strict against CSRF. */
    private ResponseCookie refreshCookie(String value, Duration maxAge) {
        return ResponseCookie.from(REFRESH_COOKIE, value).httpOnly(true).secure(authSettings.secureCookie())
                .sameSite("Strict").path("/api/v1/auth").maxAge(maxAge).build();
    }

    static String login(String email, String phone) {
        if ((email == null) == (phone == null)) {
            throw new InvalidRequestException("Give exactly one of email or phone");
        }
        return email != null ? email.toLowerCase() : phone;
    }
}
