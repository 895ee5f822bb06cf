package com.personifi.ingest.sms;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.statement.WrittenAmount;

/** The pieces every operator's confirmation is made of: amounts, dates, phone numbers and party names. */
final class SmsText {

    /**
     * An amount as written after a currency word. Lazy up to a sentence end, so "Ksh5,786.00.Transaction" (a missing
     * space) stops at the last digit, while "Ksh1,5OO.00" is taken whole and then rejected instead of read as 1.5.
     */
    static final String NUMBER = "([0-9][0-9A-Za-z,.]*?)(?=\\.?(?:\\s|$)|\\.[A-Z]|[^0-9A-Za-z,.])";
    private static final Pattern STRICT_NUMBER = Pattern.compile("(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d{1,2})?");
    /** Nine or more digits (or Safaricom's masking stars), optionally with +, spaces, dashes or brackets. */
    private static final Pattern PHONE = Pattern.compile("\\(?\\+?[0-9*](?:[0-9*]|[ -](?=[0-9*])){8,15}\\)?");
    private static final Pattern CODE_AND_NAME = Pattern.compile("^(\\d{3,8})\\s*-\\s*(.+)$");

    private SmsText() {
    }

    /** One line, single spaces, no forwarding or sender prefix; the words of the message are untouched. */
    static String normalize(String text) {
        String t = text.replace('\u00A0', ' ').replace('\u2019', '\'').replaceAll("\\s+", " ").strip();
        return t.replaceFirst("^(?i)(?:(?:fwd?|fw)\\s*:\\s*)*(?:from\\s*:\\s*)?"
                + "(?:m-?pesa|airtel\\s?money|airtel|mtn\\s?momo|momo|mobilemoney)\\s*:\\s*", "").strip();
    }

    /** An exact amount; anything that is not a well-formed number is refused rather than guessed. */
    static BigDecimal amount(String written, String what) {
        if (written == null) {
            throw new SmsNotUnderstoodException("No " + what);
        }
        String token = written.endsWith(".") ? written.substring(0, written.length() - 1) : written;
        if (!STRICT_NUMBER.matcher(token).matches()) {
            throw new SmsNotUnderstoodException("The " + what + " '" + written + "' is not a well-formed amount");
        }
        try {
            return WrittenAmount.parse(token.replace(",", ""), "The " + what, written);
        } catch (NumberFormatException e) {
            throw new SmsNotUnderstoodException(e.getMessage());
        }
    }

    private static final Pattern MONEY_BACK_IN = Pattern.compile(
            "(?i)\\b(?:credited|refunded|returned|sent back|back to your)\\b");
    private static final Pattern MONEY_TAKEN_OUT = Pattern.compile(
            "(?i)\\b(?:debited|deducted|taken from|recovered from)\\b");

    /**
     * Which way a reversal moved the wallet's money, when its words say: +1 back in, -1 out, 0 not said. The sender
     * of a reversed transfer and its recipient can receive the same notice, so "has been reversed" alone says neither.
     */
    static int reversalDirection(String text) {
        boolean in = MONEY_BACK_IN.matcher(text).find();
        boolean out = MONEY_TAKEN_OUT.matcher(text).find();
        return in == out ? 0 : in ? 1 : -1;
    }

    /** Two charges of one transaction as one; null when there is neither. */
    static BigDecimal charges(BigDecimal fee, BigDecimal tax) {
        return fee == null ? tax : tax == null ? fee : fee.add(tax);
    }

    /** A charge of zero is no charge: the downstream would otherwise create an empty fee movement. */
    static BigDecimal fee(String written) {
        if (written == null) {
            return null;
        }
        BigDecimal fee = amount(written, "fee");
        return fee.signum() == 0 ? null : fee;
    }

    static BigDecimal optionalAmount(String written, String what) {
        return written == null ? null : amount(written, what);
    }

    /**
     * Day first ("7/1/24" is 7 January 2024); two-digit years are this century. The hour is 12-hour when AM/PM
     * follows, otherwise 24-hour. Impossible dates (31/2/24) are refused.
     */
    static LocalDateTime dayFirst(String day, String month, String year, String clock, String meridiem) {
        try {
            int y = Integer.parseInt(year);
            LocalDate date = LocalDate.of(year.length() == 2 ? 2000 + y : y, Integer.parseInt(month),
                    Integer.parseInt(day));
            return LocalDateTime.of(date, time(clock, meridiem));
        } catch (DateTimeException | NumberFormatException e) {
            throw new SmsNotUnderstoodException("The date " + day + "/" + month + "/" + year + " " + clock
                    + (meridiem == null ? "" : " " + meridiem) + " is not a real date and time");
        }
    }

    static LocalTime time(String clock, String meridiem) {
        String[] parts = clock.split(":");
        int hour = Integer.parseInt(parts[0]);
        int minute = Integer.parseInt(parts[1]);
        int second = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
        if (meridiem != null) {
            if (hour < 1 || hour > 12) {
                throw new DateTimeException("hour " + hour + " with " + meridiem);
            }
            boolean pm = meridiem.equalsIgnoreCase("PM");
            hour = hour % 12 + (pm ? 12 : 0);
        }
        return LocalTime.of(hour, minute, second);
    }

    /**
     * "+254 712 345 678", "254712345678" and "0712345678" all become "0712***678": the network prefix stays (it tells
     * Safaricom from Airtel), the subscriber part is hidden. International numbers lose their three-digit country code.
     */
    static String maskPhone(String raw) {
        String digits = raw.replaceAll("[^0-9*]", "");
        if (raw.strip().startsWith("+") || (digits.length() == 12 && digits.startsWith("2"))) {
            digits = "0" + digits.substring(Math.min(3, digits.length()));
        }
        if (digits.length() < 7) {
            return "***";
        }
        return digits.substring(0, 4) + "***" + digits.substring(digits.length() - 3);
    }

    /** Who the money went to or came from, as the message names them. */
    record Party(String name, String phone, String code) {
    }

    /**
     * Reads "JOHN KAMAU 0712345678", "0712 345 678 - JOHN KAMAU", "KWAME MENSAH (233244123456)" and
     * "123456 - JANE SHOP" (an agent, till or paybill number before the name).
     */
    static Party party(String raw) {
        if (raw == null) {
            return new Party(null, null, null);
        }
        String text = raw.strip();
        String phone = null;
        Matcher p = PHONE.matcher(text);
        if (p.find()) {
            phone = maskPhone(p.group());
            text = (text.substring(0, p.start()) + " " + text.substring(p.end())).strip();
        }
        text = text.replaceAll("^-\\s*|\\s*-$", "").strip();
        String code = null;
        Matcher c = CODE_AND_NAME.matcher(text);
        if (c.matches()) {
            code = c.group(1);
            text = c.group(2);
        }
        return new Party(name(text), phone, code);
    }

    static String name(String raw) {
        if (raw == null) {
            return null;
        }
        String n = raw.replaceAll("[.,\\s]+$", "").replaceAll("\\s+", " ").strip();
        return n.isEmpty() ? null : n;
    }

    static String group(Matcher m, int group) {
        return m == null ? null : m.group(group);
    }

    static Matcher find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m : null;
    }
}
