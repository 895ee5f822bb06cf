package com.personifi.api.feeds;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.audit.AuditLog;
import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A user's SMS forwarders: phones (or forwarding apps on them) that post each wallet confirmation as it arrives. An
 * access token lives 15 minutes, too short for a phone left to forward on its own, so each forwarder posts to a URL
 * of its own carrying a secret. Creating one answers, this once only, with that URL; only the secret's hash is kept.
 */
@RestController
@RequestMapping("/api/v1/feeds/sms/forwarders")
class SmsForwardersController {

    record NewForwarder(@NotBlank @Size(max = 100) String name) {
    }

    /** @param url where the phone posts each message: the forwarder's id and its secret */
    record CreatedForwarder(UUID id, String name, String url, String token) {
    }

    private final SmsForwarders forwarders;
    private final AuditLog audit;

    SmsForwardersController(SmsForwarders forwarders, AuditLog audit) {
        this.forwarders = forwarders;
        this.audit = audit;
    }

    @PostMapping
    ResponseEntity<CreatedForwarder> create(@AuthenticationPrincipal CurrentUser user,
                                            @Valid @RequestBody NewForwarder forwarder) {
        String secret = FeedSecrets.newSecret();
        UUID id = audit.together(() -> {
            UUID created = forwarders.create(user.id(), forwarder.name().strip(), FeedSecrets.hash(secret));
            audit.record(user.id(), "sms_forwarder", created, "create", null, Map.of("name", forwarder.name().strip()));
            return created;
        });
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path(SmsFeedController.FORWARDED_PATH)
                .queryParam("token", secret).buildAndExpand(id).toUriString();
        // the secret is shown once: no cache, and no kept Idempotency-Key answer, may hold it
        return ResponseEntity.created(URI.create("/api/v1/feeds/sms/forwarders/" + id))
                .cacheControl(CacheControl.noStore())
                .body(new CreatedForwarder(id, forwarder.name().strip(), url, secret));
    }

    @GetMapping
    List<SmsForwarders.Forwarder> list(@AuthenticationPrincipal CurrentUser user) {
        return forwarders.of(user.id());
    }

    /** Messages posted by a revoked forwarder are refused like those with a wrong secret. */
    @DeleteMapping("/{forwarderId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID forwarderId) {
        if (!audit.ifDone(user.id(), "sms_forwarder", forwarderId, "revoke",
                () -> forwarders.revoke(user.id(), forwarderId))) {
            throw new NotFoundException("No SMS forwarder " + forwarderId);
        }
    }
}
