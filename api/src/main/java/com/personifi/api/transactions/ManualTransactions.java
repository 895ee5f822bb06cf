package com.personifi.api.transactions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import com.personifi.api.accounts.Accounts;
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
    public record Accepted(UUID id, String sourceRef, LocalDate localDate) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    ManualTransactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param idempotencyKey the client's key for this entry, or null: the same key gives the same transaction, so a
     *                       retried request after a lost answer never books the money twice
     */
    @Transactional
    public Accepted record(UUID userId, ZoneId userZone, Entry entry, String idempotencyKey) {
        String sourceRef = "manual:" + (idempotencyKey == null ? TransactionIds.newId().toString()
                : UUID.nameUUIDFromBytes((userId + "|" + idempotencyKey).getBytes(StandardCharsets.UTF_8)));
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
                        VALUES (?, 'transaction', ?, 'TransactionEntered', ?::jsonb)""")
                .params(TransactionIds.newId(), entry.account().id().toString(), JSON.writeValueAsString(payload))
                .update();
        return new Accepted(id, sourceRef, localDate);
    }
}
