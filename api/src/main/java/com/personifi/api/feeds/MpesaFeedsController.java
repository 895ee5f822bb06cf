package com.personifi.api.feeds;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.accounts.Accounts;
import com.personifi.api.audit.AuditLog;
import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.InvalidRequestException;
import com.personifi.api.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A user's Daraja feeds. Creating one answers, this once only, with the secret the callback URL carries: only its
 * hash is kept, so a lost secret means revoking the feed and creating another.
 */
@RestController
@RequestMapping("/api/v1/feeds/mpesa")
class MpesaFeedsController {

    /** Daraja moves Kenyan shillings only. */
    private static final String MPESA_CURRENCY = "KES";

    record NewFeed(@NotNull UUID accountId) {
    }

    record CreatedFeed(UUID id, UUID accountId, String callbackUrl, String token) {
    }

    private final MpesaFeeds feeds;
    private final Accounts accounts;
    private final AuditLog audit;

    MpesaFeedsController(MpesaFeeds feeds, Accounts accounts, AuditLog audit) {
        this.feeds = feeds;
        this.accounts = accounts;
        this.audit = audit;
    }

    @PostMapping
    ResponseEntity<CreatedFeed> create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody NewFeed feed) {
        Accounts.Account account = accounts.find(user.id(), feed.accountId())
                .orElseThrow(() -> new NotFoundException("No account " + feed.accountId()));
        if (!MPESA_CURRENCY.equals(account.currency())) {
            throw new InvalidRequestException("An M-Pesa feed moves KES; account " + account.id() + " is in "
                    + account.currency());
        }
        String secret = FeedSecrets.newSecret();
        UUID id = audit.together(() -> {
            UUID created = feeds.create(user.id(), account.id(), FeedSecrets.hash(secret));
            audit.record(user.id(), "mpesa_feed", created, "create", null, Map.of("accountId", account.id()));
            return created;
        });
        String callbackUrl = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(MpesaCallbackController.DARAJA_PATH).queryParam("token", secret).buildAndExpand(id).toUriString();
        // the secret is shown once: no cache, and no kept Idempotency-Key answer, may hold it
        return ResponseEntity.created(URI.create("/api/v1/feeds/mpesa/" + id)).cacheControl(CacheControl.noStore())
                .body(new CreatedFeed(id, account.id(), callbackUrl, secret));
    }

    /** Callbacks to a revoked feed are refused like those with a wrong token. */
    @DeleteMapping("/{feedId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID feedId) {
        if (!audit.ifDone(user.id(), "mpesa_feed", feedId, "revoke", () -> feeds.revoke(user.id(), feedId))) {
            throw new NotFoundException("No feed " + feedId);
        }
    }
}
