package com.personifi.api.feeds;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import com.personifi.ingest.CallbackIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where Safaricom's Daraja posts a feed's callbacks. There is no user session: Daraja cannot sign or send a bearer
 * token, so the feed's secret in the callback URL is the credential.
 *
 * <p>Authentication, in order:
 * <ol>
 *   <li>the feed must exist and be live (not revoked, its account not deleted);</li>
 *   <li>the secret, as query parameter {@code token} or header {@code X-Feed-Token} (a relay that can set headers
 *       keeps it out of URL logs), must hash to the stored SHA-256, compared in constant time;</li>
 *   <li>if an {@code X-Signature} header is present, it must be the hex HMAC-SHA256 of
 *       {@code X-Timestamp + "." + raw body}, keyed with the secret's UTF-8 bytes, and {@code X-Timestamp} (Unix
 *       seconds) must be within 5 minutes of now. This binds the body to the moment it was sent, so a relay's
 *       captured request cannot be altered or replayed later.</li>
 * </ol>
 * Every failure is the same 401 problem, an unknown feed included: a 404 would let anyone enumerate feed ids. Nothing
 * is read or published before authentication succeeds.
 *
 * <p>The answer is the acknowledgement body Daraja expects for the kind of callback; a callback the feed already took
 * (same receipt, CheckoutRequestID or ConversationID) gets the same answer and publishes nothing again.
 */
@RestController
class MpesaCallbackController {

    private static final Logger log = LoggerFactory.getLogger(MpesaCallbackController.class);

    private final MpesaFeeds feeds;
    private final CallbackIntake intake;
    private final Clock clock;

    MpesaCallbackController(MpesaFeeds feeds, CallbackIntake intake) {
        this.feeds = feeds;
        this.intake = intake;
        this.clock = Clock.systemUTC();
    }

    /** Daraja refuses to register a callback URL that contains "mpesa": the feed's URL uses the alias. */
    static final String DARAJA_PATH = "/api/v1/feeds/mm/{feedId}";

    @PostMapping(path = {"/api/v1/feeds/mpesa/{feedId}", DARAJA_PATH}, produces = MediaType.APPLICATION_JSON_VALUE)
    String callback(@PathVariable String feedId,
                    @RequestParam(name = "token", required = false) String queryToken,
                    @RequestHeader(name = "X-Feed-Token", required = false) String headerToken,
                    @RequestHeader(name = "X-Signature", required = false) String signature,
                    @RequestHeader(name = "X-Timestamp", required = false) String timestamp,
                    @RequestBody(required = false) byte[] body) {
        byte[] content = body == null ? new byte[0] : body;
        MpesaFeeds.LiveFeed feed = authenticate(feedId, queryToken, headerToken, signature, timestamp, content);
        CallbackIntake.Receipt receipt = intake.receive(
                new CallbackIntake.Feed(feed.id(), feed.userId(), feed.accountId()), content);
        return receipt.acknowledgement();
    }

    private MpesaFeeds.LiveFeed authenticate(String feedId, String queryToken, String headerToken, String signature,
                                             String timestamp, byte[] body) {
        Optional<UUID> id = parseId(feedId);
        Optional<MpesaFeeds.LiveFeed> feed = id.flatMap(feeds::live);
        String token = headerToken != null ? headerToken : queryToken;
        boolean tokensAgree = headerToken == null || queryToken == null || headerToken.equals(queryToken);
        boolean tokenValid = FeedSecrets.matches(token, feed.map(MpesaFeeds.LiveFeed::tokenHash).orElse(null));
        if (feed.isEmpty() || !tokenValid || !tokensAgree) {
            // the id as parsed, never the raw path text: what reaches the log is never the sender's free text
            log.warn("Refused a callback for feed {}: {}", id.map(UUID::toString).orElse("(malformed id)"),
                    feed.isEmpty() ? "no such live feed" : token == null ? "no token" : "wrong token");
            throw new FeedAuthenticationException();
        }
        if (signature == null && feed.get().signedSince() != null) {
            // its relay signs: an unsigned request is one somebody else altered or made
            log.warn("Refused a callback for feed {}: unsigned, but its callbacks are signed since {}",
                    feed.get().id(), feed.get().signedSince());
            throw new FeedAuthenticationException();
        }
        if (signature != null) {
            if (!FeedSecrets.signatureValid(token, timestamp, body, signature, clock.instant())) {
                log.warn("Refused a callback for feed {}: bad or stale signature", feed.get().id());
                throw new FeedAuthenticationException();
            }
            if (feed.get().signedSince() == null) {
                feeds.requireSignatures(feed.get().id());
            }
        }
        return feed.get();
    }

    private static Optional<UUID> parseId(String feedId) {
        try {
            return Optional.of(UUID.fromString(feedId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
