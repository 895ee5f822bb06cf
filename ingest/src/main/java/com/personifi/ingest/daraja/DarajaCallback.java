package com.personifi.ingest.daraja;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import com.personifi.ingest.UnreadableCallbackException;
import com.personifi.ingest.statement.WrittenAmount;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Safaricom's Daraja API posts to a callback URL, read into at most one money movement of the business account
 * behind the feed, and the acknowledgement Daraja expects in return. Results that move no money (failures,
 * cancellations, balance and status queries) are acknowledged and produce nothing.
 */
public final class DarajaCallback {

    public enum Kind {
        C2B_VALIDATION, C2B_CONFIRMATION, STK_CALLBACK, B2C_RESULT, TRANSACTION_STATUS_RESULT,
        ACCOUNT_BALANCE_RESULT, OTHER_RESULT
    }

    /** One movement of the feed's account, signed from its point of view (money in positive). */
    public record Movement(String receipt, LocalDateTime localTime, Instant occurredAt, BigDecimal amount,
                           String currency, String counterparty, String merchantCode, String accountReference,
                           BigDecimal balance, String description) {

        public LocalDate localDate() {
            return localTime.toLocalDate();
        }
    }

    /**
     * @param callbackId what identifies this delivery for replay protection: the receipt when money moved, else the
     *                   CheckoutRequestID or ConversationID Daraja assigned
     * @param acknowledgement the exact JSON body Daraja expects back
     */
    public record Parsed(Kind kind, String callbackId, Optional<Movement> movement, String acknowledgement) {
    }

    /** Daraja's wall clock: every time it sends is Kenyan local time without an offset. */
    public static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    public static final String CURRENCY = "KES";

    static final String VALIDATION_ACCEPTED = "{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\"}";
    /** Daraja's code for rejecting a C2B payment because of its amount. */
    static final String VALIDATION_REJECTED_AMOUNT = "{\"ResultCode\":\"C2B00013\",\"ResultDesc\":\"Rejected\"}";
    static final String CONFIRMATION_RECEIVED = "{\"ResultCode\":0,\"ResultDesc\":\"Success\"}";
    static final String RESULT_ACCEPTED = "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}";

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter B2C_COMPLETED = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private DarajaCallback() {
    }

    public static Parsed parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new UnreadableCallbackException("Callback body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (NumberFormatException e) {
            // the reader refuses numbers beyond its limits (1e100000000) outside its own exception type
            throw new UnreadableCallbackException("Callback body has a number beyond any amount or date", e);
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableCallbackException("Callback body is not a JSON object");
        }
        if (root.path("Body").has("stkCallback")) {
            return stkCallback(root.path("Body").path("stkCallback"));
        }
        if (root.has("Result")) {
            return result(root.path("Result"));
        }
        if (root.has("TransID") && root.has("TransAmount")) {
            return c2b(root);
        }
        throw new UnreadableCallbackException("Not a Daraja callback PersoniFi reads: expected a C2B request, "
                + "Body.stkCallback or Result, found fields " + fieldNames(root));
    }

    /**
     * Validation and confirmation share one shape. Daraja fills the shortcode's balance only once the payment has
     * completed, so a request without it is the validation question and one with it the confirmation.
     */
    private static Parsed c2b(JsonNode c2b) {
        String receipt = required(c2b, "TransID");
        String balance = text(c2b.path("OrgAccountBalance"));
        if (balance == null) {
            BigDecimal amount = decimalOrNull(c2b.path("TransAmount"));
            boolean payable = amount != null && amount.signum() > 0;
            return new Parsed(Kind.C2B_VALIDATION, "validation:" + receipt, Optional.empty(),
                    payable ? VALIDATION_ACCEPTED : VALIDATION_REJECTED_AMOUNT);
        }
        LocalDateTime at = compactTime(required(c2b, "TransTime"), "TransTime");
        String counterparty = joined(text(c2b.path("FirstName")), text(c2b.path("MiddleName")),
                text(c2b.path("LastName")));
        String accountReference = text(c2b.path("BillRefNumber"));
        String description = "Funds received from " + joined(MaskedPhone.of(text(c2b.path("MSISDN"))), counterparty)
                + (accountReference == null ? "" : " Acc. " + accountReference);
        Movement movement = new Movement(receipt, at, at.atZone(NAIROBI).toInstant(),
                decimal(c2b.path("TransAmount"), "TransAmount"), CURRENCY, counterparty,
                text(c2b.path("BusinessShortCode")), accountReference, decimal(c2b.path("OrgAccountBalance"),
                "OrgAccountBalance"), description.strip());
        return new Parsed(Kind.C2B_CONFIRMATION, receipt, Optional.of(movement), CONFIRMATION_RECEIVED);
    }

    /** Lipa na M-Pesa Online (STK push): the customer paid the business, unless they cancelled or it failed. */
    private static Parsed stkCallback(JsonNode callback) {
        String checkoutRequestId = required(callback, "CheckoutRequestID");
        if (resultCode(callback) != 0) {
            return new Parsed(Kind.STK_CALLBACK, checkoutRequestId, Optional.empty(), RESULT_ACCEPTED);
        }
        Map<String, JsonNode> items = pairs(callback.path("CallbackMetadata").path("Item"), "Name");
        String receipt = requiredItem(items, "MpesaReceiptNumber");
        LocalDateTime at = compactTime(requiredItem(items, "TransactionDate"), "TransactionDate");
        String description = "Funds received from " + Optional.ofNullable(MaskedPhone.of(text(items.get("PhoneNumber"))))
                .orElse("customer");
        Movement movement = new Movement(receipt, at, at.atZone(NAIROBI).toInstant(),
                decimal(items.get("Amount"), "Amount"), CURRENCY, null, null, null,
                decimalOrNull(items.get("Balance")), description);
        return new Parsed(Kind.STK_CALLBACK, receipt, Optional.of(movement), RESULT_ACCEPTED);
    }

    private static Parsed result(JsonNode result) {
        String conversationId = required(result, "ConversationID");
        Map<String, JsonNode> parameters = pairs(result.path("ResultParameters").path("ResultParameter"), "Key");
        Kind kind = parameters.containsKey("AccountBalance") ? Kind.ACCOUNT_BALANCE_RESULT
                : parameters.containsKey("ReceiptNo") || parameters.containsKey("TransactionStatus")
                        ? Kind.TRANSACTION_STATUS_RESULT
                : parameters.containsKey("TransactionReceipt") || parameters.containsKey("ReceiverPartyPublicName")
                        ? Kind.B2C_RESULT
                : Kind.OTHER_RESULT;
        if (kind != Kind.B2C_RESULT || resultCode(result) != 0) {
            // A transaction status answer describes a payment whose own callback (or statement row, or SMS) is the
            // record of it; which side of it this account is on is not in the answer, so it publishes nothing.
            return new Parsed(kind, conversationId, Optional.empty(), RESULT_ACCEPTED);
        }
        return new Parsed(kind, requiredItem(parameters, "TransactionReceipt"), Optional.of(b2c(parameters)),
                RESULT_ACCEPTED);
    }

    /** Business to customer: money out of the shortcode's utility account to a phone. */
    private static Movement b2c(Map<String, JsonNode> parameters) {
        String receipt = requiredItem(parameters, "TransactionReceipt");
        String completed = requiredItem(parameters, "TransactionCompletedDateTime");
        LocalDateTime at;
        try {
            at = LocalDateTime.parse(completed, B2C_COMPLETED);
        } catch (DateTimeParseException e) {
            throw new UnreadableCallbackException("TransactionCompletedDateTime '" + completed
                    + "' is not dd.MM.yyyy HH:mm:ss");
        }
        // "254708374149 - John Doe": the receiver's phone, then the name M-Pesa has for them
        String receiver = Optional.ofNullable(text(parameters.get("ReceiverPartyPublicName"))).orElse("");
        int dash = receiver.indexOf(" - ");
        String phone = dash < 0 ? receiver : receiver.substring(0, dash);
        String name = dash < 0 ? null : blankToNull(receiver.substring(dash + 3));
        String masked = MaskedPhone.of(phone);
        String description = "Business Payment to " + Optional.ofNullable(joined(masked, name)).orElse("customer");
        return new Movement(receipt, at, at.atZone(NAIROBI).toInstant(),
                decimal(parameters.get("TransactionAmount"), "TransactionAmount").negate(), CURRENCY, name, null, null,
                decimalOrNull(parameters.get("B2CUtilityAccountAvailableFunds")), description);
    }

    private static int resultCode(JsonNode node) {
        String code = text(node.path("ResultCode"));
        if (code == null) {
            throw new UnreadableCallbackException("ResultCode is missing");
        }
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            throw new UnreadableCallbackException("ResultCode '" + code + "' is not a number");
        }
    }

    /** Daraja's lists of {Name|Key, Value} pairs as a map; a pair without a Value maps to a missing node. */
    private static Map<String, JsonNode> pairs(JsonNode list, String nameField) {
        Map<String, JsonNode> pairs = new HashMap<>();
        for (JsonNode pair : list) {
            String name = text(pair.path(nameField));
            if (name != null) {
                pairs.put(name, pair.path("Value"));
            }
        }
        return pairs;
    }

    private static LocalDateTime compactTime(String value, String field) {
        try {
            return LocalDateTime.parse(value, COMPACT);
        } catch (DateTimeParseException e) {
            throw new UnreadableCallbackException(field + " '" + value + "' is not yyyyMMddHHmmss");
        }
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        BigDecimal value = decimalOrNull(node);
        if (value == null) {
            throw new UnreadableCallbackException(field + " is missing or not an amount");
        }
        return value;
    }

    /** Amounts come as strings ("10.00") or JSON numbers (8000); both are read exactly. */
    private static BigDecimal decimalOrNull(JsonNode node) {
        if (node != null && node.isNumber()) {
            return exact(node);
        }
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return sane(WrittenAmount.parse(text.replace(",", ""), "Amount", text));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A JSON number exactly, or null when it is beyond anything a callback can mean (1e100000000). */
    private static BigDecimal exact(JsonNode number) {
        try {
            return sane(number.decimalValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Written out, an absurd exponent would take gigabytes; no amount, date or code needs more than 40 digits. */
    private static BigDecimal sane(BigDecimal value) {
        return Math.abs(value.scale()) > 40 || value.precision() - value.scale() > 40 ? null : value;
    }

    private static String required(JsonNode node, String field) {
        String value = text(node.path(field));
        if (value == null) {
            throw new UnreadableCallbackException(field + " is missing");
        }
        return value;
    }

    private static String requiredItem(Map<String, JsonNode> items, String name) {
        String value = text(items.get(name));
        if (value == null) {
            throw new UnreadableCallbackException(name + " is missing");
        }
        return value;
    }

    /** A value as text, numbers in plain digits; null for missing, null and blank values. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainer()) {
            return null;
        }
        if (node.isNumber()) {
            BigDecimal number = exact(node);
            return number == null ? null : number.toPlainString();
        }
        return blankToNull(node.asString());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String joined(String... parts) {
        StringJoiner joiner = new StringJoiner(" ");
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                joiner.add(part.strip());
            }
        }
        return joiner.length() == 0 ? null : joiner.toString();
    }

    private static String fieldNames(JsonNode node) {
        StringJoiner names = new StringJoiner(", ", "[", "]");
        node.propertyNames().stream().limit(10).forEach(names::add);
        return names.toString();
    }
}
