package com.personifi.ingest;

import java.util.Arrays;

/**
 * The password a user gives with an upload to open a protected statement (an M-Pesa statement's is the customer's ID
 * number). Held as characters that {@link #clear()} overwrites once the file is open, and never printed: records and
 * log lines that include it show {@code ****}.
 */
public final class UploadPassword {

    private static final UploadPassword NONE = new UploadPassword(new char[0]);

    private final char[] characters;

    private UploadPassword(char[] characters) {
        this.characters = characters;
    }

    public static UploadPassword none() {
        return NONE;
    }

    /** Takes a copy; a null or empty password is none. */
    public static UploadPassword of(char[] characters) {
        return characters == null || characters.length == 0 ? NONE : new UploadPassword(characters.clone());
    }

    public static UploadPassword of(String text) {
        return text == null || text.isEmpty() ? NONE : new UploadPassword(text.toCharArray());
    }

    public boolean isPresent() {
        return characters.length > 0;
    }

    /** The characters themselves, not a copy: valid until {@link #clear()}. */
    public char[] characters() {
        return characters;
    }

    public void clear() {
        Arrays.fill(characters, '\0');
    }

    @Override
    public String toString() {
        return "****";
    }
}
