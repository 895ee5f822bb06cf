package com.personifi.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.personifi.ingest.job.TransactionPublisher;
import com.personifi.ingest.sms.ConfirmationSms;
import com.personifi.ingest.sms.SmsNotUnderstoodException;
import com.personifi.ingest.sms.SmsTransaction;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes the text of a forwarded wallet confirmation SMS and publishes the movement it reports, and its transaction
 * cost as a fee transaction linked to it. The receipt gives both the same ids the statement row and the Daraja
 * callback of the same transaction get, so however many channels report it, it is one transaction.
 */
@Service
public class SmsIntake {

    /** Where each operator's messages are written; Airtel and MTN write local time of the country of the currency. */
    private static final Map<String, ZoneId> ZONE_BY_CURRENCY = Map.ofEntries(
            Map.entry("KES", ZoneId.of("Africa/Nairobi")), Map.entry("TZS", ZoneId.of("Africa/Dar_es_Salaam")),
            Map.entry("UGX", ZoneId.of("Africa/Kampala")), Map.entry("RWF", ZoneId.of("Africa/Kigali")),
            Map.entry("ZMW", ZoneId.of("Africa/Lusaka")), Map.entry("MWK", ZoneId.of("Africa/Blantyre")),
            Map.entry("GHS", ZoneId.of("Africa/Accra")), Map.entry("NGN", ZoneId.of("Africa/Lagos")),
            Map.entry("XAF", ZoneId.of("Africa/Douala")), Map.entry("XOF", ZoneId.of("Africa/Abidjan")),
            Map.entry("ZAR", ZoneId.of("Africa/Johannesburg")), Map.entry("CDF", ZoneId.of("Africa/Kinshasa")));

    private static final Logger log = LoggerFactory.getLogger(SmsIntake.class);

    private final TransactionPublisher publisher;

    public SmsIntake(TransactionPublisher publisher) {
        this.publisher = publisher;
    }

    /** A forwarded message of one user, for one of their wallets. */
    public record Forwarded(UUID userId, UUID accountId, String text, Instant receivedAt, ZoneId userTimeZone) {
    }

    public enum Outcome { PUBLISHED, NOTHING_TO_PUBLISH }

    /**
     * @param movement    what the message reported, or null when it reported no movement of money
     * @param reason      why nothing was published, when nothing was
     */
    public record Receipt(Outcome outcome, SmsTransaction movement, UUID transactionId, UUID feeTransactionId,
                          Instant occurredAt, String reason) {
    }

    /** Reads the message without publishing: which currency it is in decides which wallet it belongs to. */
    public static Optional<SmsTransaction> read(String text) {
        return ConfirmationSms.parse(text);
    }

    /**
     * @param parsed the message as {@link #read} read it, so it is read once
     * @throws com.personifi.ingest.sms.SmsNotUnderstoodException when the text reads like a confirmation but misses
     *                                                            what a transaction needs
     */
    public Receipt receive(Forwarded sms, Optional<SmsTransaction> parsed) {
        if (parsed.isEmpty()) {
            return new Receipt(Outcome.NOTHING_TO_PUBLISH, null, null, null, null,
                    "Not a confirmation of money moving (a failed, pending or promotional message)");
        }
        SmsTransaction movement = parsed.get();
        if (movement.amount() == null) {
            return new Receipt(Outcome.NOTHING_TO_PUBLISH, movement, null, null, null, unbooked(movement));
        }
        if (!Money.fitsStorage(movement.amount()) || movement.fee() != null && !Money.fitsStorage(movement.fee())) {
            throw new SmsNotUnderstoodException("The amount in the message is larger than any wallet moves");
        }
        Instant occurredAt = occurredAt(movement, sms);
        boolean charged = movement.fee() != null && movement.fee().signum() != 0;
        // the balance a message states is after its transaction cost: on a statement, that is the charge row's
        BigDecimal balance = movement.balance() == null ? null : Money.atStorageScale(movement.balance());
        RawTransaction main = raw(sms, movement, movement.sourceRef(), movement.amount(), movement.description(),
                null, charged ? null : balance, occurredAt);
        RawTransaction fee = !charged ? null
                : raw(sms, movement, movement.feeSourceRef(), movement.fee().negate(),
                        "Transaction cost of " + movement.receipt(), movement.sourceRef(), balance, occurredAt);
        publisher.inTransaction(batch -> {
            batch.raw(main);
            if (fee != null) {
                batch.raw(fee);
            }
        });
        log.info("SMS {} {} for account {} published{}", movement.operator(), movement.kind(), sms.accountId(),
                fee == null ? "" : " with its fee");
        return new Receipt(Outcome.PUBLISHED, movement, UUID.fromString(main.getId()),
                fee == null ? null : UUID.fromString(fee.getId()), occurredAt, null);
    }

    private static String unbooked(SmsTransaction movement) {
        if (movement.kind() != SmsTransaction.Kind.REVERSAL) {
            return "The message does not state the amount; the statement will bring this transaction";
        }
        return movement.reversesAnotherReceipt()
                ? "The message does not say which way the reversal moved the money, and the transaction it reverses "
                        + "is not in this account; the statement will bring this reversal"
                : "The message names the transaction it reverses but not the reversal's own receipt; the statement "
                        + "will bring this reversal";
    }

    /** A message that states no time (some Fuliza and MTN texts) happened when it was received. */
    private static Instant occurredAt(SmsTransaction movement, Forwarded sms) {
        if (movement.occurredAt() == null) {
            return sms.receivedAt();
        }
        return movement.occurredAt().atZone(zone(movement, sms.userTimeZone())).toInstant();
    }

    private static ZoneId zone(SmsTransaction movement, ZoneId userTimeZone) {
        return switch (movement.operator()) {
            case MPESA_KE -> ZONE_BY_CURRENCY.get("KES");
            case MPESA_TZ -> ZONE_BY_CURRENCY.get("TZS");
            default -> ZONE_BY_CURRENCY.getOrDefault(movement.currency(), userTimeZone);
        };
    }

    private static RawTransaction raw(Forwarded sms, SmsTransaction movement, String sourceRef, BigDecimal amount,
                                      String description, String parentSourceRef, BigDecimal balance,
                                      Instant occurredAt) {
        LocalDateTime local = movement.occurredAt() != null ? movement.occurredAt()
                : LocalDateTime.ofInstant(occurredAt, zone(movement, sms.userTimeZone()));
        return RawTransaction.newBuilder()
                .setId(TransactionIds.transactionId(sms.accountId(), sourceRef).toString())
                .setUserId(sms.userId().toString())
                .setAccountId(sms.accountId().toString())
                .setSourceRef(sourceRef)
                .setSource(TransactionSource.SMS)
                .setOccurredAt(occurredAt)
                .setLocalDate(local.toLocalDate())
                .setAmount(Money.atStorageScale(amount))
                .setCurrency(movement.currency())
                .setDescription(description)
                .setCounterparty(parentSourceRef == null ? movement.counterparty() : null)
                .setMerchantCode(parentSourceRef == null ? movement.merchantCode() : null)
                .setBalance(balance)
                .setParentSourceRef(parentSourceRef)
                .setSourcePosition("SMS " + movement.receipt())
                .setReceivedAt(sms.receivedAt())
                .build();
    }
}
