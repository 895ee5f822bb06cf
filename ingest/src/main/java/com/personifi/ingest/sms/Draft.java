package com.personifi.ingest.sms;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import com.personifi.ingest.sms.SmsTransaction.Kind;
import com.personifi.ingest.sms.SmsTransaction.Operator;

/** What an operator's reader has found so far; {@link #build()} checks it is complete and writes the description. */
final class Draft {

    final Operator operator;
    Kind kind;
    String receipt;
    LocalDateTime occurredAt;
    /** Unsigned as written; the kind decides the sign. */
    BigDecimal amount;
    String currency;
    String counterparty;
    String counterpartyPhone;
    String merchantCode;
    String accountReference;
    BigDecimal balance;
    BigDecimal fee;
    String reversedReceipt;
    /** For a reversal: +1 money back in, -1 money out, 0 when the message does not say (then its amount is unknown). */
    int reversalDirection;
    /** For a reversal, the reversed transaction's amount as its message names it; null when it names none. */
    BigDecimal reversedAmount;

    Draft(Operator operator, String currency) {
        this.operator = operator;
        this.currency = currency;
    }

    Draft party(SmsText.Party party) {
        counterparty = party.name();
        counterpartyPhone = party.phone();
        merchantCode = party.code();
        return this;
    }

    SmsTransaction build() {
        String what = operatorName() + " " + kind.name().toLowerCase().replace('_', ' ');
        if (receipt == null) {
            throw new SmsNotUnderstoodException(what + " confirmation has no transaction id");
        }
        if (amount == null && kind != Kind.REVERSAL) {
            throw new SmsNotUnderstoodException(what + " confirmation " + receipt + " has no amount");
        }
        boolean signKnown = kind != Kind.REVERSAL || reversalDirection != 0;
        return new SmsTransaction(operator, kind, receipt, occurredAt,
                amount == null || !signKnown ? null : signed(amount),
                currency, counterparty, counterpartyPhone, merchantCode, accountReference, balance, fee,
                description(), reversedReceipt, reversedAmount);
    }

    private BigDecimal signed(BigDecimal unsigned) {
        return switch (kind) {
            case RECEIVED, AGENT_DEPOSIT, FULIZA_DRAW, MSHWARI_WITHDRAWAL, BUSINESS_PAYMENT -> unsigned.abs();
            case REVERSAL -> reversalDirection > 0 ? unsigned.abs() : unsigned.abs().negate();
            default -> unsigned.abs().negate();
        };
    }

    /** The wording of the M-Pesa statement's Details column, which the categorizer already knows. */
    private String description() {
        String who = join(counterpartyPhone, counterparty);
        String business = merchantCode == null ? counterparty : join(merchantCode + " -", counterparty);
        return switch (kind) {
            case SENT -> join("Customer Transfer to", who);
            case RECEIVED -> join("Funds received from", who);
            case BUSINESS_PAYMENT -> join("Business Payment from", business);
            case PAYBILL -> join("Pay Bill to", business, accountReference == null ? null : "Acc. " + accountReference);
            case BUY_GOODS -> join("Merchant Payment to", business);
            case AGENT_WITHDRAWAL -> join(merchantCode == null ? "Customer Withdrawal At Agent"
                    : "Customer Withdrawal At Agent Till", business);
            case AGENT_DEPOSIT -> join(merchantCode == null ? "Deposit of Funds at Agent"
                    : "Deposit of Funds at Agent Till", business);
            case AIRTIME -> join("Airtime Purchase", counterpartyPhone == null ? null : "for " + counterpartyPhone);
            case FULIZA_DRAW -> "OverDraft of Credit Party";
            case FULIZA_REPAYMENT -> "OD Loan Repayment - Fuliza M-PESA";
            case MSHWARI_DEPOSIT -> "M-Shwari Deposit";
            case MSHWARI_WITHDRAWAL -> "M-Shwari Withdraw";
            case REVERSAL -> join("Reversal", reversedReceipt == null ? null : "of " + reversedReceipt);
        };
    }

    private String operatorName() {
        return switch (operator) {
            case MPESA_KE -> "M-Pesa (Kenya)";
            case MPESA_TZ -> "M-Pesa (Tanzania)";
            case AIRTEL_MONEY -> "Airtel Money";
            case MTN_MOMO -> "MTN MoMo";
        };
    }

    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                out.append(out.isEmpty() ? "" : " ").append(part);
            }
        }
        return out.toString();
    }
}
