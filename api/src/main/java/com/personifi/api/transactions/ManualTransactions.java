package com.personifi.api.transactions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.accounts.Accounts;
import com.personifi.api.audit.AuditLog;
import com.personifi.api.auth.Users;
import com.personifi.api.web.InvalidRequestException;
import com.personifi.api.web.NotFoundException;
import com.personifi.schemas.OutboxAggregates;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Transactions a person types in. They are not written to the ledger here: an outbox row in the same database
 * transaction carries them to {@code ingest.transactions.raw} (by CDC), so they are categorized, converted and
 * counted against budgets exactly like every other transaction, and the sink stays the ledger's only writer.
 */
@Service
public class ManualTransactions {

    /** What the person entered, already checked against their account. */
    public record Entry(Accounts.Account account, BigDecimal amount, Instant occurredAt, String description,
                        String counterparty) {
    }

    /** The transaction's id is known at once; it appears in the ledger when the stream has enriched it. */
    public record Accepted(UUID id, String sourceRef, LocalDate localDate, Entry entry) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Before this, no money of our users moved; far enough before it, dates no longer convert to a calendar day. */
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Users users;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    ManualTransactions(JdbcClient jdbc, Accounts accounts, Users users, AuditLog audit) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.users = users;
        this.audit = audit;
    }

    /**
     * Checks what a person typed against their account and records it: the account must be theirs, the amount not
     * zero, no finer than the account currency's minor unit and storable; the time no more than a day ahead.
     */
    @Transactional
    public Accepted enter(UUID userId, UUID accountId, BigDecimal amount, Instant occurredAt, String description,
                          String counterparty, String idempotencyKey) {
        Accounts.Account account = accounts.find(userId, accountId)
                .orElseThrow(() -> new NotFoundException("No account " + accountId));
        Instant at = occurredAt == null ? clock.instant() : occurredAt;
        if (at.isAfter(clock.instant().plusSeconds(24 * 3600))) {
            throw new InvalidRequestException("occurredAt is more than a day in the future");
        }
        if (at.isBefore(EARLIEST)) {
            throw new InvalidRequestException("occurredAt must be in 1900 or later");
        }
        if (description == null || description.isBlank() || description.length() > 500) {
            throw new InvalidRequestException("description must be 1 to 500 characters");
        }
        // checked here, not only on the REST body: GraphQL enters through this method too
        if (counterparty != null && counterparty.length() > 200) {
            throw new InvalidRequestException("counterparty must be at most 200 characters");
        }
        ZoneId zone = users.findById(userId).map(u -> ZoneId.of(u.timeZone())).orElse(ZoneId.of("Africa/Nairobi"));
        return record(userId, zone, new Entry(account, checkedAmount(amount, account.currency()), at,
                description.strip(), counterparty == null || counterparty.isBlank() ? null : counterparty.strip()),
                idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip(), occurredAt != null);
    }

    /** Non-zero, no finer than the currency's minor unit (KES cents, no UGX fractions), and storable. */
    private static BigDecimal checkedAmount(BigDecimal amount, String currency) {
        if (amount == null || amount.signum() == 0) {
            throw new InvalidRequestException("amount must not be zero");
        }
        int minorUnits = Money.minorUnits(Money.currency(currency));
        if (amount.stripTrailingZeros().scale() > minorUnits) {
            throw new InvalidRequestException("amount has more decimals than " + currency + " allows ("
                    + minorUnits + ")");
        }
        if (!Money.fitsStorage(amount)) {
            throw new InvalidRequestException("amount is too large");
        }
        return amount.setScale(minorUnits);
    }

    /**
     * @param idempotencyKey the client's key for this entry, or null: the same key with the same entry gives the same
     *                       transaction, so a retried request after a lost answer never books the money twice
     */
    private Accepted record(UUID userId, ZoneId userZone, Entry entry, String idempotencyKey, boolean timeGiven) {
        // the key names this entry only together with what was entered: the same key sent again with other figures
        // is another transaction, never silently the first one (the time is left out when the client gave none, as
        // a retry would stamp it anew)
        String sourceRef = "manual:" + (idempotencyKey == null ? TransactionIds.newId().toString()
                : UUID.nameUUIDFromBytes(String.join("|", userId.toString(), idempotencyKey,
                        entry.account().id().toString(), entry.amount().toPlainString(), entry.description(),
                        String.valueOf(entry.counterparty()), timeGiven ? entry.occurredAt().toString() : "")
                        .getBytes(StandardCharsets.UTF_8)));
        UUID id = TransactionIds.transactionId(entry.account().id(), sourceRef);
        LocalDate localDate = LocalDate.ofInstant(entry.occurredAt(), userZone);
        ObjectNode payload = JSON.createObjectNode()
                .put("userId", userId.toString())
                .put("accountId", entry.account().id().toString())
                .put("sourceRef", sourceRef)
                .put("source", "MANUAL")
                .put("occurredAt", entry.occurredAt().toString())
                .put("localDate", localDate.toString())
                // a decimal string: exact, whatever reads it
                .put("amount", Money.atStorageScale(entry.amount()).toPlainString())
                .put("currency", entry.account().currency())
                .put("description", entry.description());
        if (entry.counterparty() != null) {
            payload.put("counterparty", entry.counterparty());
        }
        jdbc.sql("""
                        INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload)
                        VALUES (?, ?, ?, 'TransactionEntered', ?::jsonb)""")
                .params(TransactionIds.newId(), OutboxAggregates.TRANSACTION, entry.account().id().toString(),
                        JSON.writeValueAsString(payload))
                .update();
        // entered again under the same key, the same transaction is recorded again: both requests happened
        Map<String, Object> entered = new LinkedHashMap<>();
        entered.put("accountId", entry.account().id());
        entered.put("amount", entry.amount().toPlainString());
        entered.put("currency", entry.account().currency());
        entered.put("occurredAt", entry.occurredAt().toString());
        entered.put("description", entry.description());
        entered.put("counterparty", entry.counterparty());
        audit.record(userId, "transaction", id, "create", null, entered);
        return new Accepted(id, sourceRef, localDate, entry);
    }
}
