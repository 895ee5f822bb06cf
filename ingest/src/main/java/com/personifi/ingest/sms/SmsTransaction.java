package com.personifi.ingest.sms;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import com.personifi.schemas.ids.TransactionIds;

/**
 * One movement of money read from a wallet's confirmation SMS, before it is tied to a user and account.
 *
 * @param receipt           the operator's transaction id as written ("SAIM8854UT", "MP240512.1430.A12345")
 * @param occurredAt        as written in the message, no zone; null only when the message states no time (Fuliza
 *                          notices, some Airtel/MTN texts)
 * @param amount            signed, exact as written: into the wallet positive, out negative; null only for a
 *                          reversal notice that does not state the amount or which way the money moved (see
 *                          {@link #undoing})
 * @param currency          ISO 4217 code
 * @param counterpartyPhone masked: the first four and last three digits ("0712***318"), or null
 * @param merchantCode      paybill, till or agent number when the message names it
 * @param accountReference  the account a bill was paid to
 * @param fee               the charge the operator took, positive; null when none or zero
 * @param description       statement-like text using the words of the M-Pesa statement, for the categorizer
 * @param reversedReceipt   for a reversal, the receipt it undoes
 * @param reversedAmount    for a reversal, the amount it names as written, unsigned; null when it names none
 */
public record SmsTransaction(Operator operator, Kind kind, String receipt, LocalDateTime occurredAt, BigDecimal amount,
                             String currency, String counterparty, String counterpartyPhone, String merchantCode,
                             String accountReference, BigDecimal balance, BigDecimal fee, String description,
                             String reversedReceipt, BigDecimal reversedAmount) {

    public enum Operator {
        MPESA_KE, MPESA_TZ, AIRTEL_MONEY, MTN_MOMO
    }

    public enum Kind {
        SENT, RECEIVED, PAYBILL, BUY_GOODS, AGENT_WITHDRAWAL, AGENT_DEPOSIT, AIRTIME, FULIZA_DRAW, FULIZA_REPAYMENT,
        MSHWARI_DEPOSIT, MSHWARI_WITHDRAWAL, REVERSAL, BUSINESS_PAYMENT
    }

    /**
     * The same sourceRef the M-Pesa statement gives this movement, so an SMS and a statement row of one receipt are
     * one transaction. A Fuliza draw shares its receipt with the transfer it funded; the statement books it as the
     * receipt's "OverDraft of Credit Party" row, {@code receipt:overdraft}.
     */
    public String sourceRef() {
        return kind == Kind.FULIZA_DRAW ? receipt + ":overdraft" : receipt;
    }

    /**
     * Whether this is a reversal under a receipt of its own that undoes another one: such a notice can be booked once
     * the ledger says which way the reversed transaction moved the money. (Airtel and MTN notices name only the
     * reversed transaction; M-Pesa's name both.)
     */
    public boolean reversesAnotherReceipt() {
        return kind == Kind.REVERSAL && reversedReceipt != null && !reversedReceipt.equals(receipt);
    }

    /**
     * This reversal, signed by the transaction it undoes, whose signed amount the ledger holds: money back the other
     * way. The amount is the one the message names, else the reversed transaction's (M-Pesa reverses one whole).
     */
    public SmsTransaction undoing(BigDecimal ledgerAmount) {
        if (!reversesAnotherReceipt()) {
            throw new IllegalStateException(receipt + " is not a reversal of another receipt");
        }
        BigDecimal magnitude = reversedAmount != null ? reversedAmount.abs() : ledgerAmount.abs();
        BigDecimal signed = ledgerAmount.signum() < 0 ? magnitude : magnitude.negate();
        return new SmsTransaction(operator, kind, receipt, occurredAt, signed, currency, counterparty,
                counterpartyPhone, merchantCode, accountReference, balance, fee, description, reversedReceipt,
                reversedAmount);
    }

    /** The sourceRef of the linked fee movement, or null when there is no fee. */
    public String feeSourceRef() {
        return fee == null ? null : TransactionIds.feeSourceRef(sourceRef());
    }
}
