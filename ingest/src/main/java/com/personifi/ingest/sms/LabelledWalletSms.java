package com.personifi.ingest.sms;

import static com.personifi.ingest.sms.SmsText.NUMBER;
import static com.personifi.ingest.sms.SmsText.find;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.sms.SmsTransaction.Kind;
import com.personifi.ingest.sms.SmsTransaction.Operator;

/**
 * Airtel Money and MTN MoMo confirmations. Both are English sentences with a verb ("sent", "received", "Payment made
 * for"), an amount with its currency on either side ("UGX 20,000", "50.00 GHS") and labelled fields ("Fee", "Bal",
 * "TID", "Transaction Id") whose order varies by country, so each field is looked up on its own.
 */
final class LabelledWalletSms {

    private static final Map<String, String> CURRENCIES = Map.ofEntries(Map.entry("UGX", "UGX"),
            Map.entry("USh", "UGX"), Map.entry("Ush", "UGX"), Map.entry("GHS", "GHS"), Map.entry("GH₵", "GHS"),
            Map.entry("GH¢", "GHS"), Map.entry("GHC", "GHS"), Map.entry("RWF", "RWF"), Map.entry("FRW", "RWF"),
            Map.entry("Frw", "RWF"), Map.entry("KES", "KES"), Map.entry("Ksh", "KES"), Map.entry("KSh", "KES"),
            Map.entry("TZS", "TZS"), Map.entry("Tsh", "TZS"), Map.entry("TSh", "TZS"), Map.entry("ZMW", "ZMW"),
            Map.entry("MWK", "MWK"), Map.entry("XAF", "XAF"), Map.entry("XOF", "XOF"), Map.entry("USD", "USD"));
    private static final String CUR = "(UGX|USh|Ush|GHS|GH₵|GH¢|GHC|RWF|FRW|Frw|KES|Ksh|KSh|TZS|Tsh|TSh|ZMW|MWK|XAF|XOF|USD)";
    /** Currency before ("UGX 20,000") or after ("50.00 GHS") the number: groups 1-2 or 3-4. */
    private static final String MONEY = "(?:" + CUR + "\\.?\\s?" + NUMBER + "|" + NUMBER + "\\s?" + CUR + "\\b)";
    /** Where a party's name ends: the next sentence, the date, or the next labelled field. */
    private static final String END = "(?=\\s*(?:\\(\\s*Merchant|[.,;]\\s|[.,;]?$|\\s(?:on|at)\\s\\d|\\sfrom\\s\\d"
            + "|\\s(?i:fee|fees|charge|bal|balance|your|reference|ref|message|transaction|tid|txn|date|new|current"
            + "|available|financial|tax|e-levy)\\b))";

    private static final List<Map.Entry<Kind, Pattern>> VERBS = List.of(
            Map.entry(Kind.REVERSAL, Pattern.compile("(?i)\\brevers(?:ed|al)\\b")),
            Map.entry(Kind.AIRTIME, Pattern.compile("(?i)\\b(?:airtime|bought)\\b")),
            Map.entry(Kind.AGENT_WITHDRAWAL, Pattern.compile("(?i)\\b(?:withdr[ae]wn?|withdrawal|cash ?out)\\b")),
            Map.entry(Kind.AGENT_DEPOSIT, Pattern.compile("(?i)\\b(?:deposit(?:ed)?|cash ?in)\\b")),
            Map.entry(Kind.BUY_GOODS, Pattern.compile("(?i)\\b(?:paid|payment (?:made )?(?:for|of))\\b")),
            Map.entry(Kind.RECEIVED, Pattern.compile("(?i)\\b(?:received|credited)\\b")),
            Map.entry(Kind.SENT, Pattern.compile("(?i)\\b(?:sent|transferred)\\b")));

    private static final Pattern AMOUNT = Pattern.compile(MONEY);
    private static final Pattern AMOUNT_BEFORE_VERB = Pattern.compile(MONEY + "\\s*$");
    private static final Pattern FEE = Pattern.compile(
            "(?i:\\b(?:fee|fees|charge)\\b(?:\\s+(?:charged|was|paid|is))?)\\s*:?\\s*" + MONEY);
    /**
     * A tax levied on the transfer besides the fee, as a labelled field: Ghana's E-levy ("TAX charged: GHS 1.50",
     * "E-levy: GHS 1.50"). Only the label form: "paid tax GHS 200 to GRA" is a payment, not a charge on one.
     */
    private static final Pattern TAX = Pattern.compile(
            "(?i:\\b(?:tax|e-?levy|levy)\\b(?:\\s+(?:charged|was|paid|is)\\s*:?|\\s*:))\\s*" + MONEY);
    private static final Pattern BALANCE = Pattern.compile(
            "(?i:\\b(?:new |current |available )?(?:balance|bal)\\b(?:\\s+is)?)\\s*:?\\s*" + MONEY);
    private static final Pattern RECEIPT = Pattern.compile("(?i:financial transaction id|transaction id|trans id"
            + "|txn id|\\bTID|\\bFT id)\\s*[:.]?\\s*([A-Za-z0-9][A-Za-z0-9.]*[A-Za-z0-9])");
    private static final Pattern ISO_WHEN = Pattern.compile(
            "\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})[ T](\\d{1,2}:\\d{2}(?::\\d{2})?)");
    private static final Pattern DAY_FIRST_WHEN = Pattern.compile("\\b(\\d{1,2})[/-](\\d{1,2})[/-](\\d{4}|\\d{2})"
            + "(?:\\s*(?:at|,)?\\s*)(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*([AaPp][Mm])?");
    private static final Pattern TO = Pattern.compile("^\\s*(?:to|for)\\s+(.+?)" + END);
    private static final Pattern FROM = Pattern.compile("^\\s*(?:from|by)\\s+(.+?)" + END);
    private static final Pattern AT_AGENT = Pattern.compile("^\\s*(?:from|at|to|with|via)\\s+(.+?)" + END);
    private static final Pattern ACCOUNT = Pattern.compile(
            "(?i)\\s*\\b(?:for\\s+)?acc(?:ount)?\\b(?:\\s*(?:no\\.?|number))?\\s*[:.]?\\s*([A-Za-z0-9-]+)");
    private static final Pattern MERCHANT = Pattern.compile("(?i)merchant (?:id|code|no\\.?)\\s*[:.]?\\s*(\\d+)");
    private static final Pattern AGENT_WORD = Pattern.compile("(?i)^agent\\s*[:.]?\\s*");

    private LabelledWalletSms() {
    }

    static SmsTransaction parse(Operator operator, String t) {
        String label = operator == Operator.AIRTEL_MONEY ? "Airtel Money" : "MTN MoMo";
        Map.Entry<Kind, Matcher> verb = firstVerb(t);
        if (verb == null) {
            throw new SmsNotUnderstoodException(label + " confirmation names no money sent, received, paid, "
                    + "withdrawn, deposited or bought");
        }
        Kind kind = verb.getKey();
        Matcher amount = amountOf(t, verb.getValue());
        if (amount == null) {
            throw new SmsNotUnderstoodException(label + " confirmation has no amount with a currency next to '"
                    + verb.getValue().group() + "'");
        }
        Draft d = new Draft(operator, currency(amount));
        d.amount = SmsText.amount(number(amount), "amount");
        String rest = t.substring(Math.max(amount.end(), verb.getValue().end()));
        String merchant = SmsText.group(find(MERCHANT, t), 1);
        switch (kind) {
            case SENT -> d.party(SmsText.party(after(TO, rest)));
            case RECEIVED, AGENT_DEPOSIT -> d.party(SmsText.party(agentless(after(FROM, rest))));
            case AGENT_WITHDRAWAL -> d.party(SmsText.party(agentless(after(AT_AGENT, rest))));
            case AIRTIME -> {
                d.party(SmsText.party(after(TO, rest)));
                d.counterparty = operator == Operator.AIRTEL_MONEY ? "Airtel" : "MTN";
            }
            case BUY_GOODS -> {
                String payee = after(TO, rest);
                Matcher account = payee == null ? null : ACCOUNT.matcher(payee);
                if (account != null && account.find()) {
                    d.accountReference = account.group(1);
                    payee = payee.substring(0, account.start());
                }
                d.party(SmsText.party(payee));
                kind = d.accountReference == null ? Kind.BUY_GOODS : Kind.PAYBILL;
            }
            default -> {
            }
        }
        if (merchant != null && d.merchantCode == null) {
            d.merchantCode = merchant;
        }
        d.kind = kind;
        d.receipt = SmsText.group(find(RECEIPT, t), 1);
        if (kind == Kind.REVERSAL) {
            // The one id these notices carry is the reversed transaction's; booked under it, the reversal would
            // merge into the very transaction it undoes. Its own receipt comes with the statement, which books it;
            // until then it is read, not booked (no sign, so no amount).
            d.reversedReceipt = d.receipt;
            d.reversalDirection = 0;
        }
        d.occurredAt = when(t);
        Matcher balance = find(BALANCE, t);
        d.balance = balance == null ? null : SmsText.amount(number(balance), "balance");
        // the operator's fee and a tax on the transfer are one transaction cost: the stated balance is after both
        Matcher fee = find(FEE, t);
        Matcher tax = find(TAX, t);
        d.fee = SmsText.charges(fee == null ? null : SmsText.fee(number(fee)),
                tax == null ? null : SmsText.fee(number(tax)));
        return d.build();
    }

    private static Map.Entry<Kind, Matcher> firstVerb(String t) {
        return VERBS.stream()
                .map(v -> {
                    Matcher m = find(v.getValue(), t);
                    return m == null ? null : Map.entry(v.getKey(), m);
                })
                .filter(Objects::nonNull)
                .min(Comparator.comparingInt(e -> e.getValue().start()))
                .orElse(null);
    }

    /** The amount right before the verb ("5,000 RWF transferred"), else the first one after it ("sent UGX 20,000"). */
    private static Matcher amountOf(String t, Matcher verb) {
        Matcher before = AMOUNT_BEFORE_VERB.matcher(t.substring(0, verb.start()));
        if (before.find()) {
            return before;
        }
        Matcher after = AMOUNT.matcher(t);
        return after.find(verb.start()) ? after : null;
    }

    private static String after(Pattern pattern, String rest) {
        return SmsText.group(find(pattern, rest), 1);
    }

    private static String agentless(String party) {
        return party == null ? null : AGENT_WORD.matcher(party).replaceFirst("");
    }

    /** The number of a MONEY match, whichever side its currency was on. */
    private static String number(Matcher money) {
        int base = money.groupCount() - 4;
        return money.group(base + 2) != null ? money.group(base + 2) : money.group(base + 3);
    }

    private static String currency(Matcher money) {
        int base = money.groupCount() - 4;
        String written = money.group(base + 1) != null ? money.group(base + 1) : money.group(base + 4);
        return CURRENCIES.get(written);
    }

    /** ISO "2024-05-12 14:30:05" (MTN) or day-first "12/05/2024 14:30" (Airtel); null when the text has none. */
    private static LocalDateTime when(String t) {
        Matcher iso = find(ISO_WHEN, t);
        if (iso != null) {
            return SmsText.dayFirst(iso.group(3), iso.group(2), iso.group(1), iso.group(4), null);
        }
        Matcher dayFirst = find(DAY_FIRST_WHEN, t);
        return dayFirst == null ? null : SmsText.dayFirst(dayFirst.group(1), dayFirst.group(2), dayFirst.group(3),
                dayFirst.group(4), dayFirst.group(5));
    }
}
