package com.personifi.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keys of a user's learned categories on {@code reference.category-corrections}: {@code userId|merchant:888880},
 * {@code userId|counterparty:naivas westlands} or {@code userId|description:pos purchase carrefour junction}.
 * Whoever records a correction and the stream that applies it derive the keys here, so they always agree.
 */
public final class CorrectionKeys {

    private CorrectionKeys() {
    }

    /** Most specific first: a paybill or till number, then the other party, then the description's words. */
    public static List<String> of(UUID userId, String merchantCode, String counterparty, String description) {
        List<String> keys = new ArrayList<>(3);
        if (merchantCode != null && !merchantCode.isBlank()) {
            keys.add(userId + "|merchant:" + merchantCode.strip());
        }
        String party = normalize(counterparty);
        if (!party.isEmpty()) {
            keys.add(userId + "|counterparty:" + party);
        }
        String words = normalize(description);
        if (!words.isEmpty()) {
            keys.add(userId + "|description:" + words);
        }
        return keys;
    }

    /** Lower case, letters only (digits, masked phone numbers and punctuation dropped), single spaces. */
    static String normalize(String text) {
        return Words.normalize(text, Character::isLetter);
    }
}
