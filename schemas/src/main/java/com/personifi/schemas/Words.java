package com.personifi.schemas;

import java.util.function.IntPredicate;

/** Text reduced to comparable words, for matching descriptions and names however they were typed or punctuated. */
public final class Words {

    private Words() {
    }

    /**
     * Lower case, keeping the characters {@code keep} accepts and turning every run of others into one space. A plain
     * character loop: it runs for every transaction, where a regular expression cost more than the matching itself.
     */
    public static String normalize(String text, IntPredicate keep) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (keep.test(c)) {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                out.append(Character.toLowerCase(c));
                space = false;
            } else {
                space = true;
            }
        }
        return out.toString();
    }
}
