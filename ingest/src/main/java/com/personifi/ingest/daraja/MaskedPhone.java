package com.personifi.ingest.daraja;

/**
 * A phone number as M-Pesa statements print it ("2547*****149"), so no full number is stored or shown. Daraja sends
 * numbers in the clear (older payloads), already masked ("2547 ***** 149"), or hashed (C2B v1); a hash identifies
 * nobody a reader could recognise and is left out.
 */
final class MaskedPhone {

    private static final int KEEP_START = 4;
    private static final int KEEP_END = 3;

    private MaskedPhone() {
    }

    static String of(String msisdn) {
        if (msisdn == null) {
            return null;
        }
        String compact = msisdn.replace(" ", "");
        if (compact.startsWith("+")) {
            compact = compact.substring(1);
        }
        if (compact.matches("[0-9]{4,}\\*+[0-9]{2,}")) {
            return compact;
        }
        if (!compact.matches("[0-9]{7,15}")) {
            return null;
        }
        return compact.substring(0, KEEP_START) + "*".repeat(compact.length() - KEEP_START - KEEP_END)
                + compact.substring(compact.length() - KEEP_END);
    }
}
