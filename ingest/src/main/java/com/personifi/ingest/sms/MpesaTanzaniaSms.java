package com.personifi.ingest.sms;

import static com.personifi.ingest.sms.SmsText.NUMBER;
import static com.personifi.ingest.sms.SmsText.find;
import static com.personifi.ingest.sms.SmsText.group;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.sms.SmsTransaction.Kind;
import com.personifi.ingest.sms.SmsTransaction.Operator;

/** Vodacom M-Pesa (Tanzania) confirmations, in Swahili. */
final class MpesaTanzaniaSms {

    private static final String TSH = "(?:Tshs|Tsh|TSh|TSH|TZS)\\.?\\s?" + NUMBER;
    /** A name ends at the date ("tarehe"), the account ("kwa akaunti") or the next sentence. */
    private static final String END = "(?=\\s*\\.?\\s*(?:\\btarehe\\b|\\bkwa akaunti\\b|Salio|\\.\\s|\\.$|$))";

    private static final Pattern RECEIPT = Pattern.compile("\\b([A-Z0-9]{8,12})\\s*(?:Imethibitishwa|Confirmed)\\b");
    private static final Pattern WHEN = Pattern.compile(
            "\\btarehe\\s*(\\d{1,2})/(\\d{1,2})/(\\d{2}|\\d{4})\\s*saa\\s*(\\d{1,2}:\\d{2})\\s*([AaPp][Mm])?");
    private static final Pattern BALANCE = Pattern.compile("Salio (?:lako )?(?:jipya )?(?:la M-Pesa )?ni\\s*" + TSH);
    private static final Pattern FEE = Pattern.compile("(?:Gharama|Ada)(?: ya (?:muamala|huduma))?(?: ni)?:?\\s*" + TSH);

    private static final Pattern RECEIVED = Pattern.compile("Umepokea\\s*" + TSH + "\\s+kutoka kwa\\s+(.+?)" + END);
    private static final Pattern SENT = Pattern.compile("Umetuma\\s*" + TSH + "\\s+kwa\\s+(.+?)" + END);
    private static final Pattern PAID = Pattern.compile("Umelipa\\s*" + TSH + "\\s+kwa\\s+(.+?)" + END
            + "(?:\\s*kwa akaunti(?: namba)?\\s+(\\S+?)" + END + ")?");
    private static final Pattern WITHDRAWN = Pattern.compile(
            "Umetoa\\s*" + TSH + "\\s+(?:kutoka\\s+)?kwa wakala\\s+(.+?)" + END);
    private static final Pattern AIRTIME = Pattern.compile(
            "Umenunua (?:salio|muda wa maongezi) wa\\s*" + TSH + "(?:\\s+kwa\\s+(\\+?[0-9][0-9 ]{8,15}[0-9]))?");
    private static final Pattern AGENT = Pattern.compile("^wakala\\s+", Pattern.CASE_INSENSITIVE);

    private MpesaTanzaniaSms() {
    }

    static SmsTransaction parse(String t) {
        Draft d = new Draft(Operator.MPESA_TZ, "TZS");
        d.receipt = group(find(RECEIPT, t), 1);
        Matcher m;
        if ((m = find(RECEIVED, t)) != null) {
            d.amount = SmsText.amount(m.group(1), "received amount (Umepokea)");
            String from = m.group(2);
            d.kind = AGENT.matcher(from).find() ? Kind.AGENT_DEPOSIT : Kind.RECEIVED;
            d.party(SmsText.party(AGENT.matcher(from).replaceFirst("")));
        } else if ((m = find(SENT, t)) != null) {
            d.kind = Kind.SENT;
            d.amount = SmsText.amount(m.group(1), "sent amount (Umetuma)");
            d.party(SmsText.party(m.group(2)));
        } else if ((m = find(PAID, t)) != null) {
            d.amount = SmsText.amount(m.group(1), "paid amount (Umelipa)");
            d.party(SmsText.party(m.group(2)));
            d.accountReference = m.group(3);
            d.kind = d.accountReference == null ? Kind.BUY_GOODS : Kind.PAYBILL;
        } else if ((m = find(WITHDRAWN, t)) != null) {
            d.kind = Kind.AGENT_WITHDRAWAL;
            d.amount = SmsText.amount(m.group(1), "withdrawn amount (Umetoa)");
            d.party(SmsText.party(m.group(2)));
        } else if ((m = find(AIRTIME, t)) != null) {
            d.kind = Kind.AIRTIME;
            d.amount = SmsText.amount(m.group(1), "airtime amount (Umenunua)");
            d.counterparty = "Vodacom";
            d.counterpartyPhone = m.group(2) == null ? null : SmsText.maskPhone(m.group(2));
        } else {
            throw new SmsNotUnderstoodException("M-Pesa (Tanzania) confirmation " + (d.receipt == null ? "" : d.receipt + " ")
                    + "names no amount received, sent, paid, withdrawn or bought (Umepokea/Umetuma/Umelipa/Umetoa/"
                    + "Umenunua), or its amount is unreadable");
        }
        if (d.receipt == null) {
            throw new SmsNotUnderstoodException("M-Pesa (Tanzania) confirmation has no transaction id before "
                    + "'Imethibitishwa'");
        }
        Matcher when = find(WHEN, t);
        if (when == null) {
            throw new SmsNotUnderstoodException("M-Pesa (Tanzania) confirmation " + d.receipt
                    + " has no date and time ('tarehe d/m/yy saa h:mm')");
        }
        d.occurredAt = SmsText.dayFirst(when.group(1), when.group(2), when.group(3), when.group(4), when.group(5));
        d.balance = SmsText.optionalAmount(group(find(BALANCE, t), 1), "balance (Salio)");
        d.fee = SmsText.fee(group(find(FEE, t), 1));
        return d.build();
    }
}
