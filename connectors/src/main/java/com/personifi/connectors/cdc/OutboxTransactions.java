package com.personifi.connectors.cdc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** A payload that is not a transaction: it goes to the dead-letter topic instead of stopping capture. */
    static final class UnreadableOutboxEvent extends RuntimeException {

        UnreadableOutboxEvent(String reason) {
            super(reason);
        }
    }

    private OutboxTransactions() {
    }

    /**
     * @param aggregateId the outbox row's aggregateid, the record key: the account the transaction belongs to
     * @param committedAt when the row was committed; the transaction's receivedAt unless the payload says otherwise
     */
    static RawTransaction read(String aggregateId, String payload, Instant committedAt) {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (JacksonException e) {
            throw new UnreadableOutboxEvent("payload is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new UnreadableOutboxEvent("payload is not a JSON object");
        }
        UUID account = uuid(aggregateId, "aggregateid");
        String payloadAccount = text(json, "accountId");
        if (payloadAccount != null && !payloadAccount.equalsIgnoreCase(account.toString())) {
            throw new UnreadableOutboxEvent("accountId differs from the row's aggregateid");
        }
        String sourceRef = required(json, "sourceRef");
        String currency = required(json, "currency").toUpperCase(Locale.ROOT);
        try {
            Money.currency(currency);
        } catch (IllegalArgumentException e) {
            throw new UnreadableOutboxEvent("currency is not ISO 4217: " + currency);
        }
        String received = text(json, "receivedAt");
        return RawTransaction.newBuilder()
                .setId(TransactionIds.transactionId(account, sourceRef).toString())
                .setUserId(uuid(required(json, "userId"), "userId").toString())
                .setAccountId(account.toString())
                .setSourceRef(sourceRef)
                .setSource(source(text(json, "source")))
                .setOccurredAt(instant(required(json, "occurredAt"), "occurredAt"))
                .setLocalDate(date(required(json, "localDate")))
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

    private static BigDecimal amount(String value, String field) {
        try {
            return Money.atStorageScale(new BigDecimal(value));
        } catch (NumberFormatException e) {
            throw new UnreadableOutboxEvent(field + " is not a decimal");
        } catch (ArithmeticException e) {
            throw new UnreadableOutboxEvent(field + " cannot be stored: " + e.getMessage());
        }
    }

    private static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UnreadableOutboxEvent(field + " is not an ISO-8601 instant");
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UnreadableOutboxEvent("localDate is not an ISO-8601 date");
        }
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableOutboxEvent(field + " is not a UUID");
        }
    }

    private static String required(JsonNode json, String field) {
        String value = text(json, field);
        if (value == null) {
            throw new UnreadableOutboxEvent(field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isNumber() ? value.decimalValue().toPlainString() : value.asString();
        return text.isBlank() ? null : text.strip();
    }
}
