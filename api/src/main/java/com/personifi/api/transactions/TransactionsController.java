package com.personifi.api.transactions;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Transactions of the authenticated user. */
@RestController
@RequestMapping("/api/v1/transactions")
class TransactionsController {

    /**
     * A transaction typed in by hand, such as cash spent at a market.
     *
     * @param amount     signed from the account's point of view (money out negative), in the account's currency, with
     *                   at most that currency's minor units
     * @param occurredAt when it happened (ISO-8601 instant); now if absent
     */
    record NewTransaction(@NotNull UUID accountId, @NotNull BigDecimal amount, Instant occurredAt,
                          @NotBlank @Size(max = 500) String description, @Size(max = 200) String counterparty) {
    }

    /** Accepted for the ledger: it shows in lists and dashboards once the stream has categorized and converted it. */
    record AcceptedTransaction(UUID id, UUID accountId, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                               String currency, Instant occurredAt,
                               LocalDate localDate, String description, String status) {
    }

    /** One page, newest first; {@code nextCursor} is absent on the last page. */
    record TransactionPage(List<LedgerTransactions.Transaction> items, String nextCursor) {
    }

    /** Fields a person may change; those left out stay as they are. */
    record TransactionChange(@Size(max = 64) String category, @Size(max = 20) List<@Size(max = 40) String> tags,
                             @Size(max = 2000) String notes) {
    }

    private final ManualTransactions manual;
    private final LedgerTransactions ledger;
    private final TransactionEdits edits;

    TransactionsController(ManualTransactions manual, LedgerTransactions ledger, TransactionEdits edits) {
        this.manual = manual;
        this.ledger = ledger;
        this.edits = edits;
    }

    /**
     * The user's transactions, newest first, a page at a time: pass {@code nextCursor} back as {@code cursor} for
     * the next page. {@code from}/{@code to} are local dates (inclusive); {@code q} searches description and
     * counterparty; {@code deleted=true} lists the deleted ones, to restore.
     */
    @GetMapping
    TransactionPage list(@AuthenticationPrincipal CurrentUser user,
                         @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                         @RequestParam(required = false) UUID accountId,
                         @RequestParam(required = false) String category, @RequestParam(required = false) String tag,
                         @RequestParam(required = false) BigDecimal minAmount,
                         @RequestParam(required = false) BigDecimal maxAmount,
                         @RequestParam(required = false) String currency,
                         @RequestParam(required = false) @Size(max = 200) String q,
                         @RequestParam(defaultValue = "false") boolean deleted,
                         @RequestParam(required = false) String cursor,
                         @RequestParam(defaultValue = "" + LedgerQuery.DEFAULT_LIMIT) @Min(1)
                         @Max(LedgerQuery.MAX_LIMIT) int limit) {
        LedgerTransactions.Page page = ledger.list(user.id(), new LedgerQuery(from, to, accountId,
                blankToNull(category),
                blankToNull(tag), minAmount, maxAmount, currency == null ? null : currency.toUpperCase(Locale.ROOT),
                blankToNull(q), deleted, cursor == null || cursor.isBlank() ? null : LedgerQuery.Position.of(cursor),
                limit));
        return new TransactionPage(page.items(), page.last() == null ? null : page.last().cursor());
    }

    @GetMapping("/{id}")
    LedgerTransactions.Transaction get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return ledger.find(user.id(), id).orElseThrow(() -> new NotFoundException("No transaction " + id));
    }

    /** A new category also teaches the categorizer this user's taste (see TransactionEdits). */
    @PatchMapping("/{id}")
    LedgerTransactions.Transaction change(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                          @Valid @RequestBody TransactionChange change) {
        return edits.edit(user.id(), id, new TransactionEdits.Edit(blankToNull(change.category()), change.tags(),
                change.notes()));
    }

    /** Soft delete: it leaves lists and dashboards and can be restored. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        edits.setDeleted(user.id(), id, true);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/restore")
    LedgerTransactions.Transaction restore(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return edits.setDeleted(user.id(), id, false);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Records a transaction by hand. With an {@code Idempotency-Key}, sending the same request again gives the same
     * transaction instead of a second one.
     */
    @PostMapping
    ResponseEntity<AcceptedTransaction> create(@AuthenticationPrincipal CurrentUser user,
                                               @Valid @RequestBody NewTransaction entry,
                                               @RequestHeader(name = "Idempotency-Key", required = false)
                                               @Size(max = 200) String idempotencyKey) {
        ManualTransactions.Accepted accepted = manual.enter(user.id(), entry.accountId(), entry.amount(),
                entry.occurredAt(), entry.description(), entry.counterparty(), idempotencyKey);
        ManualTransactions.Entry booked = accepted.entry();
        return ResponseEntity.accepted().location(URI.create("/api/v1/transactions/" + accepted.id()))
                .body(new AcceptedTransaction(accepted.id(), booked.account().id(), booked.amount(),
                        booked.account().currency(), booked.occurredAt(), accepted.localDate(), booked.description(),
                        "ACCEPTED"));
    }
}
