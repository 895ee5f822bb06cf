package com.personifi.api.webhooks;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.audit.AuditLog;
import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * URLs that receive the user's notifications as signed JSON (docs/notifications.md: each delivery carries
 * {@code PersoniFi-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))}).
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhooksController {

    /**
     * Enough for any integration; a cap keeps one account from fanning a notification out without end (a soft cap:
     * two registrations at the same instant may both pass).
     */
    static final int MAX_ENDPOINTS = 10;

    record Registration(@NotBlank String url) {
    }

    /**
     * Shown once: the secret is the receiver's key for checking signatures and cannot be read again. It is kept out
     * of {@link #toString()} so no log line can print it.
     */
    record Registered(UUID id, String url, Instant createdAt, String secret) {

        @Override
        public String toString() {
            return "Registered[id=" + id + ", url=" + url + "]";
        }
    }

    /** The user already has {@value #MAX_ENDPOINTS} endpoints. */
    static final class TooManyEndpoints extends RuntimeException {
        TooManyEndpoints() {
            super("At most " + MAX_ENDPOINTS + " webhook endpoints; delete one first");
        }
    }

    static final class InvalidUrl extends RuntimeException {
        InvalidUrl(String reason) {
            super(reason);
        }
    }

    private final RegisteredWebhooks endpoints;
    private final WebhookUrls urls;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    WebhooksController(RegisteredWebhooks endpoints, WebhookRegistrationSettings settings, AuditLog audit) {
        this.endpoints = endpoints;
        this.audit = audit;
        this.urls = new WebhookUrls(settings.allowPrivateAddresses());
    }

    /** Answers 201 with the endpoint and its signing secret, which is never shown again. */
    @PostMapping
    ResponseEntity<Registered> register(@AuthenticationPrincipal CurrentUser user,
                                        @Valid @RequestBody Registration registration) {
        String url = registration.url().strip();
        urls.refusal(url).ifPresent(reason -> {
            throw new InvalidUrl(reason);
        });
        if (endpoints.countLive(user.id()) >= MAX_ENDPOINTS) {
            throw new TooManyEndpoints();
        }
        String secret = newSecret();
        RegisteredWebhooks.Endpoint endpoint = audit.together(() -> {
            RegisteredWebhooks.Endpoint registered = endpoints.register(user.id(), url, secret);
            audit.record(user.id(), "webhook", registered.id(), "create", null,
                    Map.of("destination", destination(url)));
            return registered;
        });
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + endpoint.id()))
                // the secret is shown once: no cache, and no kept Idempotency-Key answer, may hold it
                .cacheControl(CacheControl.noStore())
                .body(new Registered(endpoint.id(), endpoint.url(), endpoint.createdAt(), secret));
    }

    /** The user's endpoints, oldest first, without their secrets. */
    @GetMapping
    List<RegisteredWebhooks.Endpoint> list(@AuthenticationPrincipal CurrentUser user) {
        return endpoints.live(user.id());
    }

    @GetMapping("/{id}")
    RegisteredWebhooks.Endpoint get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return endpoints.find(user.id(), id).orElseThrow(() -> notFound(id));
    }

    /** Nothing more is sent to it, deliveries already planned included. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        if (!audit.ifDone(user.id(), "webhook", id, "delete", () -> endpoints.remove(user.id(), id))) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** Where deliveries go, for the audit log: scheme, host, port and path, never a query that may carry a key. */
    private static String destination(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @ExceptionHandler(InvalidUrl.class)
    ProblemDetail invalidUrl(InvalidUrl e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are invalid");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", "url", "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler(TooManyEndpoints.class)
    ProblemDetail tooMany(TooManyEndpoints e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Too many webhook endpoints");
        return problem;
    }

    /** 32 random bytes, URL-safe base64 without padding: 43 characters, as the feeds' secrets. */
    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No webhook endpoint " + id);
    }
}
