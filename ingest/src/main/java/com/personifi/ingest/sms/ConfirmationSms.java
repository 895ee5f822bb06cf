package com.personifi.ingest.sms;

import java.util.Optional;
import java.util.regex.Pattern;

import com.personifi.ingest.sms.SmsTransaction.Operator;

/**
 * A confirmation SMS that a user forwards from their wallet, read into one {@link SmsTransaction}.
 *
 * <p>Three outcomes, so that the caller can answer the user honestly: a transaction; {@code Optional.empty()} for a
 * text that moves no money (balance enquiry, failed transaction, promotion); {@link SmsNotUnderstoodException} for a
 * text that reads like a confirmation but lacks something we need. Amounts are exact as written; nothing is guessed.
 *
 * <p>Per operator:
 * <ul>
 * <li><b>M-Pesa Kenya</b> (Safaricom, English): the receipt is the ten letters and digits before "Confirmed"; dates
 * are day/month/year ("7/1/24" is 7 January 2024) with a 12-hour clock; the currency is always KES. The paybill and
 * till numbers are not in the SMS, so {@code merchantCode} is only set for agents. Fuliza notices carry no time of
 * their own ({@code occurredAt} null) and share the receipt of the transfer they funded; the draw is identified as
 * {@code receipt:overdraft} like the statement's "OverDraft of Credit Party" row.</li>
 * <li><b>M-Pesa Tanzania</b> (Vodacom, Swahili): "Imethibitishwa" marks a confirmation; dates are "tarehe d/m/yy
 * saa h:mm" read on the Western clock when AM/PM or a 24-hour time is written (not the Swahili clock that starts at
 * dawn); the currency is TZS.</li>
 * <li><b>Airtel Money</b> and <b>MTN MoMo</b>: the currency is the one written next to the amount (UGX, GHS, RWF,
 * KES, ZMW…); dates are ISO year-month-day or day-first; a text without a date has {@code occurredAt} null. Airtel
 * is recognised by "Airtel" or "TID", MTN by "Y'ello", "MTN", "MoMo", "Transaction Id" or its USSD prefixes.</li>
 * </ul>
 * Forwarding prefixes ("Fwd: MPESA:"), line breaks, missing spaces after full stops and promotional tails are
 * tolerated. Phone numbers are kept only masked.
 */
public final class ConfirmationSms {

    /**
     * Ten concatenated parts of 160 characters: no operator sends a longer confirmation. Longer text is refused before
     * any pattern reads it, so that the time a message takes stays small however much text arrives.
     */
    public static final int MAX_LENGTH = 1600;

    /** Balance enquiries and failures come with a receipt too, but no money moved. */
    private static final Pattern NO_MONEY_MOVED = Pattern.compile("(?i)\\bbalance was\\b|\\bSalio lako ni\\b"
            + "|\\bfailed\\b|\\binsufficient funds\\b|\\bhaukufanikiwa\\b|\\bbalance enquiry\\b|\\bbalance inquiry\\b");
    /** Words only a confirmation carries: its receipt marker or transaction-id label. */
    private static final Pattern CONFIRMATION = Pattern.compile("\\b[A-Z0-9]{8,12}\\s*(?:Confirmed|Imethibitishwa)\\b"
            + "|(?i:\\bconfirmed\\b|\\bimethibitishwa\\b|\\btransaction id\\b|\\bTID\\b|\\bFT id\\b|\\btxn id\\b)");
    /** A sentence that reports money moving, used when no receipt marker is present. */
    private static final Pattern MOVEMENT = Pattern.compile("(?i)\\b(?:you have (?:sent|received|paid|transferred)"
            + "|sent to|received from|paid to|payment made for|withdrawn|umepokea|umetuma|umelipa|umetoa)\\b");

    private static final Pattern SWAHILI = Pattern.compile("\\b(?:Imethibitishwa|Umepokea|Umetuma|Umelipa|Umetoa"
            + "|Umenunua)\\b|\\bTsh|\\bTZS\\b");
    private static final Pattern SAFARICOM = Pattern.compile("\\b[A-Z0-9]{10}\\s*Confirmed\\b.*(?:Ksh|KES|M-PESA)");
    private static final Pattern AIRTEL = Pattern.compile("(?i)\\bairtel\\b|\\bTID\\b");
    private static final Pattern MTN = Pattern.compile(
            "(?i)y'ello|\\bMTN\\b|\\bmomo\\b|\\btransaction id\\b|\\bFT id\\b|\\*16[45]\\*|payment made for");
    private static final Pattern MPESA_KE = Pattern.compile("(?i)m-?pesa|\\bKsh|fuliza|m-shwari");

    private ConfirmationSms() {
    }

    public static Optional<SmsTransaction> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (text.length() > MAX_LENGTH) {
            throw new SmsNotUnderstoodException("The message has " + text.length() + " characters; a confirmation SMS "
                    + "has at most " + MAX_LENGTH);
        }
        String t = SmsText.normalize(text);
        if (NO_MONEY_MOVED.matcher(t).find() || !looksLikeConfirmation(t)) {
            return Optional.empty();
        }
        return Optional.of(switch (operator(t)) {
            case MPESA_KE -> MpesaKenyaSms.parse(t);
            case MPESA_TZ -> MpesaTanzaniaSms.parse(t);
            case AIRTEL_MONEY -> LabelledWalletSms.parse(Operator.AIRTEL_MONEY, t);
            case MTN_MOMO -> LabelledWalletSms.parse(Operator.MTN_MOMO, t);
        });
    }

    private static boolean looksLikeConfirmation(String t) {
        return CONFIRMATION.matcher(t).find() || MOVEMENT.matcher(t).find();
    }

    private static Operator operator(String t) {
        if (SWAHILI.matcher(t).find()) {
            return Operator.MPESA_TZ;
        }
        if (SAFARICOM.matcher(t).find()) {
            return Operator.MPESA_KE;
        }
        if (AIRTEL.matcher(t).find()) {
            return Operator.AIRTEL_MONEY;
        }
        if (MTN.matcher(t).find()) {
            return Operator.MTN_MOMO;
        }
        if (MPESA_KE.matcher(t).find()) {
            return Operator.MPESA_KE;
        }
        throw new SmsNotUnderstoodException("Reads like a confirmation but names no operator we know "
                + "(M-Pesa, Airtel Money, MTN MoMo)");
    }
}
