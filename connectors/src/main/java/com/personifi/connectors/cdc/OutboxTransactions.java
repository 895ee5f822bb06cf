package com.personifi.connectors.cdc;

import static com.personifi.connectors.cdc.OutboxPayload.amount;
import static com.personifi.connectors.cdc.OutboxPayload.currency;
import static com.personifi.connectors.cdc.OutboxPayload.date;
import static com.personifi.connectors.cdc.OutboxPayload.instant;
import static com.personifi.connectors.cdc.OutboxPayload.object;
import static com.personifi.connectors.cdc.OutboxPayload.required;
import static com.personifi.connectors.cdc.OutboxPayload.text;
import static com.personifi.connectors.cdc.OutboxPayload.uuid;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.personifi.connectors.cdc.OutboxPayload.UnreadableOutboxEvent;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import tools.jackson.databind.JsonNode;

/**
 * Reads the payload of an outbox row (aggregatetype {@code transaction}, aggregateid = the account id) into the
 * {@link RawTransaction} the stream expects on {@code ingest.transactions.raw}. The payload is JSON with the
 * RawTransaction's field names, so it stays readable in the database and needs no schema to write:
 * <pre>{"userId":"…","accountId":"…","sourceRef":"manual:…","source":"MANUAL","occurredAt":"2024-05-02T06:00:00Z",
 *  "localDate":"2024-05-02","amount":"-150.00","currency":"KES","description":"Lunch","counterparty":"Mama Oliech"}</pre>
 * Amounts are decimal strings (or exact JSON numbers), signed from the account's point of view; the id is derived
 * here from account and sourceRef, never taken from the payload, so a replayed row is the same transaction.
 */
final class OutboxTransactions {

    private OutboxTransactions() {
    }

    /**
     * @param aggregateId the outbox row's aggregateid, the record key: the account the transaction belongs to
     * @param committedAt when the row was committed; the transaction's receivedAt unless the payload says otherwise
     */
    static RawTransaction read(String aggregateId, String payload, Instant committedAt) {
        JsonNode json = object(payload);
        UUID account = uuid(aggregateId, "aggregateid");
        String payloadAccount = text(json, "accountId");
        if (payloadAccount != null && !payloadAccount.equalsIgnoreCase(account.toString())) {
            throw new UnreadableOutboxEvent("accountId differs from the row's aggregateid");
        }
        String sourceRef = required(json, "sourceRef");
        String currency = currency(json, "currency");
        String received = text(json, "receivedAt");
        return RawTransaction.newBuilder()
                .setId(TransactionIds.transactionId(account, sourceRef).toString())
                .setUserId(uuid(required(json, "userId"), "userId").toString())
                .setAccountId(account.toString())
                .setSourceRef(sourceRef)
                .setSource(source(text(json, "source")))
                .setOccurredAt(instant(required(json, "occurredAt"), "occurredAt"))
                .setLocalDate(date(required(json, "localDate"), "localDate"))
                .setAmount(amount(required(json, "amount"), "amount"))
                .setCurrency(currency)
                .setDescription(required(json, "description"))
                .setCounterparty(text(json, "counterparty"))
                .setMerchantCode(text(json, "merchantCode"))
                .setBalance(text(json, "balance") == null ? null : amount(text(json, "balance"), "balance"))
                .setParentSourceRef(text(json, "parentSourceRef"))
                .setSourcePosition("outbox")
                .setReceivedAt(received == null ? committedAt : instant(received, "receivedAt"))
                .build();
    }

    private static TransactionSource source(String value) {
        if (value == null) {
            return TransactionSource.MANUAL;
        }
        try {
            return TransactionSource.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UnreadableOutboxEvent("unknown source " + value);
        }
    }
}
