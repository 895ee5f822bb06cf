package com.personifi.ingest.mpesa;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.statement.Whitespace;

/**
 * The grammar of the Details column of an M-Pesa statement: who the other party was and which paybill, till or
 * agent number was involved. Phone numbers are already masked by Safaricom ("2547*****501") and stay that way.
 *
 * <p>Every pattern reads a Details text in time proportional to its length, since a statement row can hold any text:
 * whitespace is collapsed first, {@code .} matches any character ({@code (?s)}), so that a tail such as
 * {@code (.+)$} never fails on an unusual line separator and sends the search back over the text, and the transfer
 * pattern commits to the first "to -" it finds instead of trying every later one.
 */
public record MpesaDetails(Kind kind, String counterparty, String merchantCode) {

    public enum Kind {
        SENT, RECEIVED, MERCHANT_PAYMENT, PAYBILL, AGENT_WITHDRAWAL, AGENT_DEPOSIT, BUSINESS_PAYMENT, AIRTIME,
        BUNDLES, OVERDRAFT, OVERDRAFT_REPAYMENT, MSHWARI_DEPOSIT, MSHWARI_WITHDRAWAL, REVERSAL, CHARGE, OTHER
    }

    // "Customer Transfer to - 2547*****501 JOHN DOE", "Customer Transfer Fuliza MPesa to - 2547*****501 JOHN DOE"
    private static final Pattern SENT =
            Pattern.compile("(?s)^Customer (?:Transfer|Send Money)\\b(?>.*?to\\s*-\\s*)(\\S+)\\s+(.+)$");
    // "Funds received from - 2547*****123 JANE DOE"
    private static final Pattern RECEIVED = Pattern.compile("(?s)^Funds received from\\s*-\\s*(\\S+)\\s+(.+)$");
    // "Merchant Payment to 5995543 - NAIVAS", "Merchant Payment Online to 5995543 - NAIVAS"
    private static final Pattern MERCHANT =
            Pattern.compile("(?s)^Merchant Payment(?: Online)? to (\\d+)\\s*-\\s*(.+)$");
    // "Pay Bill Online to 888880 Acc. 54405080323", "Pay Bill to 888880 - KPLC PREPAID Acc. 54405080323"
    private static final Pattern PAYBILL =
            Pattern.compile("(?s)^Pay Bill(?: Online| Fuliza M-Pesa)? to (\\d+)(?:\\s*-\\s*(.+?))?"
                    + "(?:\\s+Acc\\.?\\s*(.*))?$");
    // "Customer Withdrawal At Agent Till 123456 - JANE SHOP"
    private static final Pattern WITHDRAWAL =
            Pattern.compile("(?s)^Customer Withdrawal At Agent Till (\\d+)\\s*-\\s*(.+)$");
    // "Deposit of Funds at Agent Till 123456 - JANE SHOP"
    private static final Pattern DEPOSIT = Pattern.compile("(?s)^Deposit of Funds at Agent Till (\\d+)\\s*-\\s*(.+)$");
    // "Business Payment from 247247 - ACME LTD via API. Original conversation ID is ..."
    private static final Pattern BUSINESS =
            Pattern.compile("(?s)^Business Payment from (\\d+)\\s*-\\s*(.+?)(?:\\s+via API.*)?$");
    // "OD Loan Repayment to 232323 - M-PESA Overdraw"
    private static final Pattern OD_REPAYMENT = Pattern.compile("(?s)^OD Loan Repayment to (\\d+)\\s*-\\s*(.+)$");

    public static MpesaDetails parse(String details) {
        String d = Whitespace.singleSpaced(details.strip());
        Matcher m;
        if (d.endsWith(" Charge") || d.equals("Charge")) {
            return new MpesaDetails(Kind.CHARGE, null, null);
        }
        if ((m = SENT.matcher(d)).matches()) {
            return new MpesaDetails(Kind.SENT, name(m.group(2)), null);
        }
        if ((m = RECEIVED.matcher(d)).matches()) {
            return new MpesaDetails(Kind.RECEIVED, name(m.group(2)), null);
        }
        if ((m = MERCHANT.matcher(d)).matches()) {
            return new MpesaDetails(Kind.MERCHANT_PAYMENT, name(m.group(2)), m.group(1));
        }
        if ((m = PAYBILL.matcher(d)).matches()) {
            return new MpesaDetails(Kind.PAYBILL, name(m.group(2)), m.group(1));
        }
        if ((m = WITHDRAWAL.matcher(d)).matches()) {
            return new MpesaDetails(Kind.AGENT_WITHDRAWAL, name(m.group(2)), m.group(1));
        }
        if ((m = DEPOSIT.matcher(d)).matches()) {
            return new MpesaDetails(Kind.AGENT_DEPOSIT, name(m.group(2)), m.group(1));
        }
        if ((m = BUSINESS.matcher(d)).matches()) {
            return new MpesaDetails(Kind.BUSINESS_PAYMENT, name(m.group(2)), m.group(1));
        }
        if ((m = OD_REPAYMENT.matcher(d)).matches()) {
            return new MpesaDetails(Kind.OVERDRAFT_REPAYMENT, name(m.group(2)), m.group(1));
        }
        if (d.startsWith("OverDraft of Credit Party")) {
            return new MpesaDetails(Kind.OVERDRAFT, "Fuliza M-PESA", null);
        }
        if (d.startsWith("Airtime Purchase") || d.startsWith("Recharge for Customer")) {
            return new MpesaDetails(Kind.AIRTIME, "Safaricom", null);
        }
        if (d.startsWith("Buy Bundles") || d.contains("Bundle Purchase")) {
            return new MpesaDetails(Kind.BUNDLES, "Safaricom", null);
        }
        if (d.startsWith("M-Shwari Deposit")) {
            return new MpesaDetails(Kind.MSHWARI_DEPOSIT, "M-Shwari", null);
        }
        if (d.startsWith("M-Shwari Withdraw")) {
            return new MpesaDetails(Kind.MSHWARI_WITHDRAWAL, "M-Shwari", null);
        }
        if (d.startsWith("Reversal")) {
            return new MpesaDetails(Kind.REVERSAL, null, null);
        }
        return new MpesaDetails(Kind.OTHER, null, null);
    }

    private static String name(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = Whitespace.singleSpaced(raw.strip());
        return trimmed.isEmpty() ? null : trimmed;
    }
}
