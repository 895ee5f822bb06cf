package com.personifi.api.transactions;

import static com.personifi.api.transactions.TransactionsController.blankToNull;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.personifi.api.accounts.Accounts;
import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.InvalidRequestException;
import com.personifi.api.web.NotFoundException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Transactions and accounts in GraphQL, over the same services as REST. Lists are Relay connections; a
 * transaction's account is loaded for a whole page in one query; mutations answer expected failures as typed
 * {@code errors} in their payload instead of GraphQL errors.
 */
@Controller
class TransactionsGraphQlController {

    record TransactionFilter(String from, String to, UUID accountId, String category, String tag,
                             BigDecimal minAmount, BigDecimal maxAmount, String currency, String q) {
    }

    record Edge(String cursor, LedgerTransactions.Transaction node) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    record Connection(List<Edge> edges, PageInfo pageInfo) {
    }

    record RecordTransactionInput(UUID accountId, BigDecimal amount, String occurredAt, String description,
                                  String counterparty, String idempotencyKey) {
    }

    record ChangeTransactionInput(String category, List<String> tags, String notes) {
    }

    record UserError(String code, String field, String message) {
    }

    record RecordTransactionPayload(UUID transactionId, List<UserError> errors) {
    }

    record ChangeTransactionPayload(LedgerTransactions.Transaction transaction, List<UserError> errors) {
    }

    private final LedgerTransactions ledger;
    private final TransactionEdits edits;
    private final ManualTransactions manual;
    private final Accounts accounts;

    TransactionsGraphQlController(LedgerTransactions ledger, TransactionEdits edits, ManualTransactions manual,
                                  Accounts accounts) {
        this.ledger = ledger;
        this.edits = edits;
        this.manual = manual;
        this.accounts = accounts;
    }

    @QueryMapping
    Connection transactions(@AuthenticationPrincipal CurrentUser user, @Argument int first, @Argument String after,
                            @Argument TransactionFilter filter) {
        if (first < 1 || first > LedgerQuery.MAX_LIMIT) {
            throw new InvalidRequestException("first must be between 1 and " + LedgerQuery.MAX_LIMIT);
        }
        TransactionFilter f = filter == null
                ? new TransactionFilter(null, null, null, null, null, null, null, null, null) : filter;
        LedgerTransactions.Page page = ledger.list(user.id(), new LedgerQuery(date(f.from(), "from"),
                date(f.to(), "to"), f.accountId(), blankToNull(f.category()), blankToNull(f.tag()), f.minAmount(),
                f.maxAmount(), f.currency() == null ? null : f.currency().toUpperCase(Locale.ROOT),
                blankToNull(f.q()), false, after == null || after.isBlank() ? null : LedgerQuery.Position.of(after),
                first));
        List<Edge> edges = page.items().stream()
                .map(t -> new Edge(new LedgerQuery.Position(t.occurredAt(), t.id()).cursor(), t)).toList();
        return new Connection(edges, new PageInfo(page.last() != null,
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    @QueryMapping
    LedgerTransactions.Transaction transaction(@AuthenticationPrincipal CurrentUser user, @Argument UUID id) {
        return ledger.find(user.id(), id).filter(t -> t.deletedAt() == null).orElse(null);
    }

    @QueryMapping(name = "accounts")
    List<Accounts.Account> accountList(@AuthenticationPrincipal CurrentUser user) {
        return accounts.of(user.id());
    }

    /** The accounts of a whole page of transactions in one query, not one per transaction. */
    @BatchMapping(typeName = "Transaction", field = "account")
    Map<LedgerTransactions.Transaction, Accounts.Account> account(List<LedgerTransactions.Transaction> transactions,
                                                                  Principal principal) {
        // still scoped to the signed-in user, though the transactions already were
        CurrentUser user = (CurrentUser) ((Authentication) principal).getPrincipal();
        Map<UUID, Accounts.Account> byId = accounts.byIds(user.id(),
                        transactions.stream().map(LedgerTransactions.Transaction::accountId).distinct().toList())
                .stream().collect(Collectors.toMap(Accounts.Account::id, Function.identity()));
        Map<LedgerTransactions.Transaction, Accounts.Account> result = new java.util.LinkedHashMap<>();
        transactions.forEach(t -> result.put(t, byId.get(t.accountId())));
        return result;
    }

    @MutationMapping
    RecordTransactionPayload recordTransaction(@AuthenticationPrincipal CurrentUser user,
                                               @Argument RecordTransactionInput input) {
        try {
            Instant occurredAt = input.occurredAt() == null ? null : instant(input.occurredAt());
            ManualTransactions.Accepted accepted = manual.enter(user.id(), input.accountId(), input.amount(),
                    occurredAt, input.description(), input.counterparty(), input.idempotencyKey());
            return new RecordTransactionPayload(accepted.id(), List.of());
        } catch (NotFoundException e) {
            return new RecordTransactionPayload(null, List.of(new UserError("NOT_FOUND", "accountId", e.getMessage())));
        } catch (InvalidRequestException e) {
            return new RecordTransactionPayload(null, List.of(new UserError("INVALID", null, e.getMessage())));
        }
    }

    @MutationMapping
    ChangeTransactionPayload changeTransaction(@AuthenticationPrincipal CurrentUser user, @Argument UUID id,
                                               @Argument ChangeTransactionInput input) {
        try {
            return new ChangeTransactionPayload(edits.edit(user.id(), id, new TransactionEdits.Edit(
                    blankToNull(input.category()), input.tags(), input.notes())), List.of());
        } catch (NotFoundException e) {
            return new ChangeTransactionPayload(null, List.of(new UserError("NOT_FOUND", "id", e.getMessage())));
        } catch (InvalidRequestException e) {
            return new ChangeTransactionPayload(null, List.of(new UserError("INVALID", null, e.getMessage())));
        }
    }

    private static LocalDate date(String value, String field) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field + " must be a date like 2024-05-31");
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("occurredAt must be an ISO-8601 instant like 2024-05-31T09:30:00Z");
        }
    }
}
