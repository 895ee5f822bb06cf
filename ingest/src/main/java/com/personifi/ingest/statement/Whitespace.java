package com.personifi.ingest.statement;

/**
 * Statement text with each run of whitespace made one space, as {@code text.replaceAll("\\s+", " ")} gives it
 * (the same characters: space, tab, line feed, vertical tab, form feed, carriage return), without compiling a
 * pattern for every cell of a million-row statement, and without copying text that is already single-spaced.
 */
public final class Whitespace {

    private Whitespace() {
    }

    public static String singleSpaced(String text) {
        int length = text.length();
        int first = 0;
        while (first < length && !startsChange(text, first)) {
            first++;
        }
        if (first == length) {
            return text;
        }
        StringBuilder spaced = new StringBuilder(length).append(text, 0, first);
        int i = first;
        while (i < length) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                spaced.append(' ');
                while (i < length && isSpace(text.charAt(i))) {
                    i++;
                }
            } else {
                spaced.append(c);
                i++;
            }
        }
        return spaced.toString();
    }

    /** Whether the text must change here: whitespace other than one space, or a space followed by more. */
    private static boolean startsChange(String text, int i) {
        char c = text.charAt(i);
        return isSpace(c) && (c != ' ' || i + 1 < text.length() && isSpace(text.charAt(i + 1)));
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
