package com.personifi.connectors.cdc;

import static com.personifi.connectors.cdc.OutboxPayload.amount;
import static com.personifi.connectors.cdc.OutboxPayload.currency;
import static com.personifi.connectors.cdc.OutboxPayload.flag;
import static com.personifi.connectors.cdc.OutboxPayload.instant;
import static com.personifi.connectors.cdc.OutboxPayload.object;
import static com.personifi.connectors.cdc.OutboxPayload.required;
import static com.personifi.connectors.cdc.OutboxPayload.text;
import static com.personifi.connectors.cdc.OutboxPayload.uuid;

import java.time.Instant;
import java.util.UUID;

import com.personifi.connectors.cdc.OutboxPayload.UnreadableOutboxEvent;
import com.personifi.schemas.events.LedgerCorrection;
import tools.jackson.databind.JsonNode;

/**
 * Reads the payload of an outbox row of aggregatetype {@code ledger-correction} (aggregateid = the user id), which the
 * API writes in the same database transaction as a person's change to a booked transaction, into the
 * {@link LedgerCorrection} the stream's budgets read on {@code ledger.corrections}. JSON with the record's field names:
 * <pre>{"transactionId":"…","userId":"…","occurredAt":"2024-05-02T08:00:00Z","category":"eating-out",
 *  "manualCategory":true,"deleted":false,"baseCurrency":"KES","amountInBase":"-250.0000",
 *  "correctedAt":"2024-05-03T10:00:00Z","budgets":null}</pre>
 */
final class OutboxCorrections {

    private OutboxCorrections() {
    }

    /**
     * @param aggregateId the outbox row's aggregateid, the record key: the user whose budgets count the transaction
     * @param committedAt when the row was committed; the correction's time unless the payload says otherwise
     */
    static LedgerCorrection read(String aggregateId, String payload, Instant committedAt) {
        JsonNode json = object(payload);
        UUID user = uuid(aggregateId, "aggregateid");
        if (!user.equals(uuid(required(json, "userId"), "userId"))) {
            throw new UnreadableOutboxEvent("userId differs from the row's aggregateid");
        }
        String amountInBase = text(json, "amountInBase");
        String corrected = text(json, "correctedAt");
        return LedgerCorrection.newBuilder()
                .setTransactionId(uuid(required(json, "transactionId"), "transactionId").toString())
                .setUserId(user.toString())
                .setOccurredAt(instant(required(json, "occurredAt"), "occurredAt"))
                .setCategory(required(json, "category"))
                .setManualCategory(flag(json, "manualCategory"))
                .setDeleted(flag(json, "deleted"))
                .setBaseCurrency(currency(json, "baseCurrency"))
                // null: not converted to the base currency, which no budget counts
                .setAmountInBase(amountInBase == null ? null : amount(amountInBase, "amountInBase"))
                .setCorrectedAt(corrected == null ? committedAt : instant(corrected, "correctedAt"))
                .setBudgets(text(json, "budgets"))
                .build();
    }
}
