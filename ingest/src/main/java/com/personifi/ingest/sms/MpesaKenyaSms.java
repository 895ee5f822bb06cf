package com.personifi.ingest.sms;

import static com.personifi.ingest.sms.SmsText.NUMBER;
import static com.personifi.ingest.sms.SmsText.find;
import static com.personifi.ingest.sms.SmsText.group;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.sms.SmsTransaction.Kind;
import com.personifi.ingest.sms.SmsTransaction.Operator;

/** Safaricom M-Pesa (Kenya) confirmations, in English. */
final class MpesaKenyaSms {

    private static final String KSH = "(?:Kshs|Ksh|KSh|KSH|KES)\\.?\\s?" + NUMBER;
    /** Where a name ends: the date, the next sentence, or the balance that follows without a full stop. */
    private static final String END = "(?=\\s*\\.?\\s*(?:\\b[Oo]n \\d|New M-PESA|M-PESA balance|\\.\\s|\\.$|$))";

    private static final Pattern RECEIPT = Pattern.compile("\\b([A-Z0-9]{10})\\s*Confirmed\\b");
    private static final Pattern WHEN = Pattern.compile(
            "\\b[Oo]n\\s*(\\d{1,2})/(\\d{1,2})/(\\d{2}|\\d{4})\\s*at\\s*(\\d{1,2}:\\d{2})\\s*([AaPp][Mm])?");
    private static final Pattern BALANCE = Pattern.compile(
            "(?:M-PESA balance is|M-PESA balance is now|account balance is now|M-PESA balance:)\\s*" + KSH);
    private static final Pattern FEE = Pattern.compile("(?:Transaction cost|Access Fee charged),?\\s*" + KSH);

    private static final Pattern REVERSAL = Pattern.compile("Transaction\\s+([A-Z0-9]{10})\\s+(?:of\\s*" + KSH
            + "\\s+)?has been reversed");
    private static final Pattern FULIZA_DRAW = Pattern.compile("Fuliza M-PESA amount is\\s*" + KSH);
    private static final Pattern FULIZA_REPAYMENT = Pattern.compile(
            KSH + "\\s+from your M-PESA has been used to (?:fully|partially) pay your outstanding Fuliza");
    private static final Pattern MSHWARI = Pattern.compile(KSH + "\\s+transferred (to|from) M-Shwari account");
    private static final Pattern AIRTIME = Pattern.compile(
            "You bought\\s*" + KSH + "\\s+of airtime(?:\\s+for\\s+(\\+?[0-9][0-9 ]{8,15}[0-9]))?");
    private static final Pattern WITHDRAWAL = Pattern.compile("Withdraw\\s*" + KSH + "\\s+from\\s+(.+?)" + END);
    private static final Pattern DEPOSIT = Pattern.compile("Give\\s*" + KSH + "\\s+cash to\\s+(.+?)" + END);
    private static final Pattern RECEIVED = Pattern.compile("You have received\\s*" + KSH + "\\s+from\\s+(.+?)" + END);
    private static final Pattern PAYBILL = Pattern.compile(KSH + "\\s+sent to\\s+(.+?)\\s+for account\\s+(\\S+?)" + END);
    private static final Pattern SENT = Pattern.compile(KSH + "\\s+sent to\\s+(.+?)" + END);
    private static final Pattern BUY_GOODS = Pattern.compile(KSH + "\\s+paid to\\s+(.+?)" + END);
    private static final Pattern AGENT_SUFFIX = Pattern.compile("(?i)\\s*\\bagent\\b\\.?$");

    private MpesaKenyaSms() {
    }

    static SmsTransaction parse(String t) {
        Draft d = new Draft(Operator.MPESA_KE, "KES");
        d.receipt = group(find(RECEIPT, t), 1);
        if (d.receipt == null) {
            throw new SmsNotUnderstoodException("M-Pesa (Kenya) confirmation has no receipt number before 'Confirmed'");
        }
        Matcher m;
        if ((m = find(REVERSAL, t)) != null) {
            d.kind = Kind.REVERSAL;
            d.reversedReceipt = m.group(1);
            d.amount = SmsText.optionalAmount(m.group(2), "reversed amount");
            d.reversedAmount = d.amount;
            d.reversalDirection = SmsText.reversalDirection(t);
        } else if ((m = find(FULIZA_DRAW, t)) != null) {
            d.kind = Kind.FULIZA_DRAW;
            d.amount = SmsText.amount(m.group(1), "Fuliza amount");
            d.counterparty = "Fuliza M-PESA";
        } else if ((m = find(FULIZA_REPAYMENT, t)) != null) {
            d.kind = Kind.FULIZA_REPAYMENT;
            d.amount = SmsText.amount(m.group(1), "Fuliza repayment amount");
            d.counterparty = "Fuliza M-PESA";
        } else if ((m = find(MSHWARI, t)) != null) {
            d.kind = m.group(2).equals("to") ? Kind.MSHWARI_DEPOSIT : Kind.MSHWARI_WITHDRAWAL;
            d.amount = SmsText.amount(m.group(1), "M-Shwari amount");
            d.counterparty = "M-Shwari";
        } else if ((m = find(AIRTIME, t)) != null) {
            d.kind = Kind.AIRTIME;
            d.amount = SmsText.amount(m.group(1), "airtime amount");
            d.counterparty = "Safaricom";
            d.counterpartyPhone = m.group(2) == null ? null : SmsText.maskPhone(m.group(2));
        } else if ((m = find(WITHDRAWAL, t)) != null) {
            d.kind = Kind.AGENT_WITHDRAWAL;
            d.amount = SmsText.amount(m.group(1), "withdrawn amount");
            d.party(SmsText.party(m.group(2)));
        } else if ((m = find(DEPOSIT, t)) != null) {
            d.kind = Kind.AGENT_DEPOSIT;
            d.amount = SmsText.amount(m.group(1), "deposited amount");
            d.party(SmsText.party(m.group(2)));
        } else if ((m = find(RECEIVED, t)) != null) {
            d.amount = SmsText.amount(m.group(1), "received amount");
            readSender(d, m.group(2));
        } else if ((m = find(PAYBILL, t)) != null) {
            d.kind = Kind.PAYBILL;
            d.amount = SmsText.amount(m.group(1), "paid amount");
            d.counterparty = SmsText.name(m.group(2));
            d.accountReference = m.group(3);
        } else if ((m = find(SENT, t)) != null) {
            d.kind = Kind.SENT;
            d.amount = SmsText.amount(m.group(1), "sent amount");
            d.party(SmsText.party(m.group(2)));
        } else if ((m = find(BUY_GOODS, t)) != null) {
            d.kind = Kind.BUY_GOODS;
            d.amount = SmsText.amount(m.group(1), "paid amount");
            d.counterparty = SmsText.name(m.group(2));
        } else {
            throw new SmsNotUnderstoodException("M-Pesa (Kenya) confirmation " + d.receipt
                    + " names no amount sent, received, paid, withdrawn, deposited or bought (or its amount is unreadable)");
        }
        Matcher when = find(WHEN, t);
        if (when != null) {
            d.occurredAt = SmsText.dayFirst(when.group(1), when.group(2), when.group(3), when.group(4), when.group(5));
        } else if (!(d.kind == Kind.FULIZA_DRAW || d.kind == Kind.FULIZA_REPAYMENT || d.kind == Kind.REVERSAL)) {
            throw new SmsNotUnderstoodException("M-Pesa (Kenya) confirmation " + d.receipt
                    + " has no date and time ('on d/m/yy at h:mm AM')");
        }
        d.balance = SmsText.optionalAmount(group(find(BALANCE, t), 1), "balance");
        d.fee = SmsText.fee(group(find(FEE, t), 1));
        return d.build();
    }

    /** A person (with a phone number), an agent (a deposit) or a business (a number and name, no phone). */
    private static void readSender(Draft d, String from) {
        Matcher agent = AGENT_SUFFIX.matcher(from);
        boolean byAgent = agent.find();
        SmsText.Party party = SmsText.party(byAgent ? from.substring(0, agent.start()) : from);
        d.party(party);
        if (byAgent) {
            d.kind = Kind.AGENT_DEPOSIT;
        } else if (party.code() != null && party.phone() == null) {
            d.kind = Kind.BUSINESS_PAYMENT;
        } else {
            d.kind = Kind.RECEIVED;
        }
    }
}
