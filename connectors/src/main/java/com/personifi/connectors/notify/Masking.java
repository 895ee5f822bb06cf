package com.personifi.connectors.notify;

import java.util.regex.Pattern;

/**
 * Keeps phone numbers and email addresses out of logs and stored errors: enough of a number stays to tell numbers
 * apart, not to dial them; of an address only its domain.
 */
final class Masking {

    private static final Pattern LONG_NUMBER = Pattern.compile("\\+?\\d{7,15}");
    /** A mail server's refusal usually quotes the address: "<jane@example.com>: mailbox unavailable". */
    private static final Pattern EMAIL = Pattern.compile("[\\w.%+-]+@([\\w-]+\\.)+[\\w-]+");
    private static final int MAX_ERROR_LENGTH = 300;

    private Masking() {
    }

    /** {@code +254712345678} → {@code +2547*****678}, as statements print numbers. */
    static String phone(String number) {
        if (number == null || number.length() < 8) {
            return "****";
        }
        int head = number.startsWith("+") ? 5 : 4;
        return number.substring(0, head) + "*".repeat(number.length() - head - 3)
                + number.substring(number.length() - 3);
    }

    /** Free text from the other side (an error may echo the recipient), shortened, numbers and addresses masked. */
    static String externalText(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        String shortened = oneLine.length() > MAX_ERROR_LENGTH ? oneLine.substring(0, MAX_ERROR_LENGTH) + "..." : oneLine;
        String noAddresses = EMAIL.matcher(shortened).replaceAll(m -> "***@" + m.group().substring(
                m.group().indexOf('@') + 1));
        return LONG_NUMBER.matcher(noAddresses).replaceAll(m -> phone(m.group()));
    }
}
