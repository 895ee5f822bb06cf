package com.personifi.ingest.sms;

import java.util.regex.Pattern;

/**
 * A text that reads like a wallet confirmation but cannot be turned into a transaction. The message says what was
 * missing or malformed; any long digit run in it is masked so a user's or counterparty's phone number never reaches
 * logs or API responses.
 */
public class SmsNotUnderstoodException extends IllegalArgumentException {

    private static final Pattern LONG_NUMBER = Pattern.compile("\\+?\\d(?:[\\d ]{5,})\\d");

    public SmsNotUnderstoodException(String message) {
        super(redact(message));
    }

    static String redact(String text) {
        return LONG_NUMBER.matcher(text).replaceAll(m -> SmsText.maskPhone(m.group()));
    }
}
