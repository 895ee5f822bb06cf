package com.personifi.connectors.cdc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

import com.personifi.schemas.money.Money;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fields of an outbox row's JSON payload, each read with the reason it cannot be named, for the dead letter. */
final class OutboxPayload {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** A payload that is not what its aggregatetype says: dead-lettered, so that capture goes on. */
    static final class UnreadableOutboxEvent extends RuntimeException {

        UnreadableOutboxEvent(String reason) {
            super(reason);
        }
    }

    private OutboxPayload() {
    }

    static JsonNode object(String payload) {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (JacksonException e) {
            throw new UnreadableOutboxEvent("payload is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new UnreadableOutboxEvent("payload is not a JSON object");
        }
        return json;
    }

    /** A required ISO 4217 code, upper-cased. */
    static String currency(JsonNode json, String field) {
        String code = required(json, field).toUpperCase(Locale.ROOT);
        try {
            Money.currency(code);
        } catch (IllegalArgumentException e) {
            throw new UnreadableOutboxEvent(field + " is not ISO 4217: " + code);
        }
        return code;
    }

    /** {@code true} or {@code false}, false when absent; anything else is refused, not guessed at. */
    static boolean flag(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new UnreadableOutboxEvent(field + " is not true or false");
        }
        return value.booleanValue();
    }

    static BigDecimal amount(String value, String field) {
        try {
            return Money.atStorageScale(new BigDecimal(value));
        } catch (NumberFormatException e) {
            throw new UnreadableOutboxEvent(field + " is not a decimal");
        } catch (ArithmeticException e) {
            throw new UnreadableOutboxEvent(field + " cannot be stored: " + e.getMessage());
        }
    }

    static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UnreadableOutboxEvent(field + " is not an ISO-8601 instant");
        }
    }

    static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UnreadableOutboxEvent(field + " is not an ISO-8601 date");
        }
    }

    static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableOutboxEvent(field + " is not a UUID");
        }
    }

    static String required(JsonNode json, String field) {
        String value = text(json, field);
        if (value == null) {
            throw new UnreadableOutboxEvent(field + " is missing");
        }
        return value;
    }

    static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isNumber() ? value.decimalValue().toPlainString() : value.asString();
        return text.isBlank() ? null : text.strip();
    }
}
