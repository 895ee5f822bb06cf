package com.personifi.api.feeds;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.personifi.api.accounts.Accounts;
import com.personifi.api.auth.CurrentUser;
import com.personifi.api.auth.Users;
import com.personifi.api.database.DatabaseUser;
import com.personifi.api.web.FixedWindowCounter;
import com.personifi.api.web.InvalidFieldsException;
import com.personifi.api.web.InvalidRequestException;
import com.personifi.api.web.NotFoundException;
import com.personifi.ingest.ImportCommand;
import com.personifi.ingest.SmsIntake;
import com.personifi.ingest.sms.SmsTransaction;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.redisson.api.RedissonClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forwarded wallet confirmation SMS, posted as the user received them: by the signed-in app, or by a phone left to
 * forward on its own to its SMS forwarder's URL (its id and secret; see {@link SmsForwardersController}). The movement
 * a message reports is published at once, with its transaction cost as a linked fee transaction; the statement row
 * and callback of the same receipt later merge into the same transaction.
 */
@RestController
class SmsFeedController {

    /** Longest concatenated SMS a phone delivers (10 parts); anything longer is not a forwarded message. */
    static final int MAX_TEXT = 1600;
    /** Where a forwarder posts; its secret travels as {@code ?token=}, as forwarding apps can set no header. */
    static final String FORWARDED_PATH = "/api/v1/feeds/sms/{forwarderId}";

    /** Mobile money is younger; a time far outside these bounds is a client's mistake, not a late message. */
    private static final Instant EARLIEST_RECEIPT = Instant.parse("2000-01-01T00:00:00Z");

    /** Messages one forwarder may post a minute: a phone receives a few a day; more is a leaked secret at work. */
    static final int FORWARDED_PER_MINUTE = 60;

    private final SmsIntake intake;
    private final Accounts accounts;
    private final Users users;
    private final SmsForwarders forwarders;
    private final SmsReversals reversals;
    private final FixedWindowCounter forwardedPerMinute;
    private final Clock clock = Clock.systemUTC();

    SmsFeedController(SmsIntake intake, Accounts accounts, Users users, SmsForwarders forwarders,
                      SmsReversals reversals, RedissonClient redis) {
        this.reversals = reversals;
        this.intake = intake;
        this.accounts = accounts;
        this.users = users;
        this.forwarders = forwarders;
        this.forwardedPerMinute = new FixedWindowCounter(redis, clock);
    }

    /**
     * @param accountId  the wallet it belongs to; without it, the user's one mobile-money account in the message's
     *                   currency
     * @param receivedAt when the phone received it, used when the message states no time; default now
     */
    record ForwardedSms(@NotBlank @Size(max = MAX_TEXT) String text, UUID accountId, Instant receivedAt) {
    }

    record Fee(UUID transactionId, String sourceRef, BigDecimal amount) {
    }

    /**
     * @param outcome       PUBLISHED, or NOTHING_TO_PUBLISH with a reason (a failed or promotional message)
     * @param transactionId the id the transaction has in the ledger, whichever channel reports it
     */
    record SmsView(String outcome, String reason, String operator, String kind, UUID accountId, UUID transactionId,
                   String sourceRef, BigDecimal amount, String currency, Instant occurredAt, String counterparty,
                   Fee fee) {
    }

    @PostMapping("/api/v1/feeds/sms")
    ResponseEntity<SmsView> forward(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody ForwardedSms sms) {
        return receive(user.id(), sms);
    }

    /**
     * A message posted by a forwarder: JSON as {@link #forward} takes it (other fields a forwarding app adds, such as
     * the sender, are ignored), or the message itself as plain text. A wrong or revoked secret, or an unknown
     * forwarder, is the same 401 and publishes nothing.
     */
    @PostMapping(path = FORWARDED_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SmsView> forwarded(@PathVariable UUID forwarderId, @RequestParam(required = false) String token,
                                      @RequestHeader(name = "X-Feed-Token", required = false) String headerToken,
                                      @Valid @RequestBody ForwardedSms sms) {
        UUID userId = forwarder(forwarderId, token != null ? token : headerToken);
        try (DatabaseUser.Scope ignored = DatabaseUser.actAs(userId)) {
            ResponseEntity<SmsView> answer = receive(userId, sms);
            forwarders.used(userId, forwarderId);
            return answer;
        }
    }

    @PostMapping(path = FORWARDED_PATH, consumes = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<SmsView> forwardedText(@PathVariable UUID forwarderId,
                                          @RequestParam(required = false) String token,
                                          @RequestHeader(name = "X-Feed-Token", required = false) String headerToken,
                                          @RequestBody String text) {
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw InvalidFieldsException.of("text", "must be 1 to " + MAX_TEXT + " characters");
        }
        return forwarded(forwarderId, token, headerToken, new ForwardedSms(text.strip(), null, null));
    }

    /** The forwarder's owner, once its secret is right and it is within its messages per minute. */
    private UUID forwarder(UUID forwarderId, String token) {
        Optional<SmsForwarders.LiveForwarder> found = forwarders.live(forwarderId);
        if (!FeedSecrets.matches(token, found.map(SmsForwarders.LiveForwarder::tokenHash).orElse(null))) {
            throw new FeedAuthenticationException();
        }
        long retryAfter = forwardedPerMinute.retryAfterIfOver("sms-forwarder", forwarderId.toString(),
                FORWARDED_PER_MINUTE);
        if (retryAfter > 0) {
            throw new TooManyForwardedException(retryAfter);
        }
        return found.orElseThrow().userId();
    }

    private ResponseEntity<SmsView> receive(UUID userId, ForwardedSms sms) {
        Optional<SmsTransaction> read = SmsIntake.read(sms.text());
        Accounts.Account account = null;
        if (read.isPresent() && read.get().amount() == null && read.get().reversesAnotherReceipt()) {
            account = wallet(userId, sms.accountId(), read.get().currency());
            read = Optional.of(reversals.signed(userId, account.id(), read.get()));
        }
        if (read.isEmpty() || read.get().amount() == null) {
            SmsIntake.Receipt nothing = intake.receive(new SmsIntake.Forwarded(userId, null,
                    sms.text(), clock.instant(), ImportCommand.DEFAULT_TIME_ZONE), read);
            return ResponseEntity.ok(view(nothing, null));
        }
        if (account == null) {
            account = wallet(userId, sms.accountId(), read.get().currency());
        }
        ZoneId timeZone = users.findById(userId).map(u -> ZoneId.of(u.timeZone()))
                .orElse(ImportCommand.DEFAULT_TIME_ZONE);
        Instant receivedAt = sms.receivedAt() != null ? sms.receivedAt() : clock.instant();
        if (receivedAt.isBefore(EARLIEST_RECEIPT) || receivedAt.isAfter(clock.instant().plusSeconds(24 * 3600))) {
            throw InvalidFieldsException.of("receivedAt", "must be a time between 2000 and tomorrow");
        }
        SmsIntake.Receipt receipt = intake.receive(
                new SmsIntake.Forwarded(userId, account.id(), sms.text(), receivedAt, timeZone), read);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(receipt, account.id()));
    }

    private Accounts.Account wallet(UUID userId, UUID accountId, String currency) {
        if (accountId != null) {
            Accounts.Account account = accounts.find(userId, accountId)
                    .orElseThrow(() -> new NotFoundException("No account " + accountId));
            // filed under another account, the receipt would never meet its statement row and be counted twice
            if (!account.type().equals("MOBILE_MONEY") || !account.currency().equals(currency)) {
                throw new WrongWalletException("Account " + accountId + " is a " + account.currency() + " "
                        + account.type().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + " account; this message moves " + currency + " in a mobile-money wallet");
            }
            return account;
        }
        List<Accounts.Account> wallets = accounts.of(userId).stream()
                .filter(a -> a.type().equals("MOBILE_MONEY") && a.currency().equals(currency)).toList();
        if (wallets.size() != 1) {
            throw new InvalidRequestException((wallets.isEmpty() ? "You have no mobile-money account in "
                    : "You have several mobile-money accounts in ") + currency + ": say which with accountId");
        }
        return wallets.get(0);
    }

    @ExceptionHandler(WrongWalletException.class)
    ProblemDetail wrongWallet(WrongWalletException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Not this account's message");
        return problem;
    }

    @ExceptionHandler(TooManyForwardedException.class)
    ResponseEntity<ProblemDetail> tooManyForwarded(TooManyForwardedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setTitle("Too many messages");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds)).body(problem);
    }

    /** A forwarder posted more messages this minute than a phone receives. */
    static final class TooManyForwardedException extends RuntimeException {
        final long retryAfterSeconds;

        TooManyForwardedException(long retryAfterSeconds) {
            super("More than " + FORWARDED_PER_MINUTE + " messages from this forwarder this minute; try again in "
                    + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    /** The message cannot belong to the account it was sent for. */
    static final class WrongWalletException extends RuntimeException {
        WrongWalletException(String message) {
            super(message);
        }
    }

    private static SmsView view(SmsIntake.Receipt receipt, UUID accountId) {
        SmsTransaction m = receipt.movement();
        if (receipt.outcome() == SmsIntake.Outcome.NOTHING_TO_PUBLISH) {
            return new SmsView(receipt.outcome().name(), receipt.reason(), m == null ? null : m.operator().name(),
                    m == null ? null : m.kind().name(), null, null, m == null ? null : m.sourceRef(), null,
                    m == null ? null : m.currency(), null, null, null);
        }
        Fee fee = receipt.feeTransactionId() == null ? null
                : new Fee(receipt.feeTransactionId(), m.feeSourceRef(), m.fee().negate());
        return new SmsView(receipt.outcome().name(), null, m.operator().name(), m.kind().name(), accountId,
                receipt.transactionId(), m.sourceRef(), m.amount(), m.currency(), receipt.occurredAt(),
                m.counterparty(), fee);
    }
}
