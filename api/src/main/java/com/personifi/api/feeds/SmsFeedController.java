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
import com.personifi.api.web.NotFoundException;
import com.personifi.ingest.ImportCommand;
import com.personifi.ingest.SmsIntake;
import com.personifi.ingest.sms.SmsTransaction;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forwarded wallet confirmation SMS: the app (or an SMS-forwarding phone) posts the text as the user received it.
 * The movement it reports is published at once, with its transaction cost as a linked fee transaction; the
 * statement row and callback of the same receipt later merge into the same transaction.
 */
@RestController
class SmsFeedController {

    /** Longest concatenated SMS a phone delivers (10 parts); anything longer is not a forwarded message. */
    static final int MAX_TEXT = 1600;

    private final SmsIntake intake;
    private final Accounts accounts;
    private final Users users;
    private final Clock clock = Clock.systemUTC();

    SmsFeedController(SmsIntake intake, Accounts accounts, Users users) {
        this.intake = intake;
        this.accounts = accounts;
        this.users = users;
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
        Optional<SmsTransaction> read = SmsIntake.read(sms.text());
        if (read.isEmpty() || read.get().amount() == null) {
            SmsIntake.Receipt nothing = intake.receive(new SmsIntake.Forwarded(user.id(), null,
                    sms.text(), clock.instant(), ImportCommand.DEFAULT_TIME_ZONE), read);
            return ResponseEntity.ok(view(nothing, null));
        }
        Accounts.Account account = wallet(user, sms.accountId(), read.get().currency());
        ZoneId timeZone = users.findById(user.id()).map(u -> ZoneId.of(u.timeZone()))
                .orElse(ImportCommand.DEFAULT_TIME_ZONE);
        Instant receivedAt = sms.receivedAt() != null ? sms.receivedAt() : clock.instant();
        SmsIntake.Receipt receipt = intake.receive(
                new SmsIntake.Forwarded(user.id(), account.id(), sms.text(), receivedAt, timeZone), read);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(receipt, account.id()));
    }

    private Accounts.Account wallet(CurrentUser user, UUID accountId, String currency) {
        if (accountId != null) {
            Accounts.Account account = accounts.find(user.id(), accountId)
                    .orElseThrow(() -> new NotFoundException("No account " + accountId));
            // filed under another account, the receipt would never meet its statement row and be counted twice
            if (!account.type().equals("MOBILE_MONEY") || !account.currency().equals(currency)) {
                throw new WrongWalletException("Account " + accountId + " is a " + account.currency() + " "
                        + account.type().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + " account; this message moves " + currency + " in a mobile-money wallet");
            }
            return account;
        }
        List<Accounts.Account> wallets = accounts.of(user.id()).stream()
                .filter(a -> a.type().equals("MOBILE_MONEY") && a.currency().equals(currency)).toList();
        if (wallets.size() != 1) {
            throw new IllegalArgumentException((wallets.isEmpty() ? "You have no mobile-money account in "
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
