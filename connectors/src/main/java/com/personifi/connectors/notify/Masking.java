package com.personifi.connectors.notify;

import java.util.regex.Pattern;

/** Keeps phone numbers out of logs and stored errors: enough digits stay to tell numbers apart, not to dial them. */
final class Masking {

    private static final Pattern LONG_NUMBER = Pattern.compile("\\+?\\d{7,15}");
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

    /** Free text from the other side (an error body may echo the recipient), shortened and with numbers masked. */
    static String externalText(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        String shortened = oneLine.length() > MAX_ERROR_LENGTH ? oneLine.substring(0, MAX_ERROR_LENGTH) + "..." : oneLine;
        return LONG_NUMBER.matcher(shortened).replaceAll(m -> phone(m.group()));
    }
}
