package com.personifi.streams.reference;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A user's regular expression, run with a time budget. Rules run on the stream thread, so a pattern that backtracks
 * catastrophically ({@code (a+)+$}) would stall every user on the partition; past its budget a search gives up and
 * counts as no match.
 */
public final class BoundedRegex {

    /** Longer patterns are refused where the rule is read: nobody needs them to recognise a payee. */
    public static final int MAX_PATTERN_LENGTH = 300;
    static final long BUDGET_NANOS = 10_000_000L;

    private final Pattern pattern;

    private BoundedRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    public static BoundedRegex compile(String regex) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("description_regex is longer than " + MAX_PATTERN_LENGTH
                    + " characters");
        }
        try {
            return new BoundedRegex(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("description_regex does not compile: " + e.getDescription());
        }
    }

    /** True if the pattern occurs in the text; throws {@link TooSlow} when the search outlives its budget. */
    public boolean find(String text) {
        return pattern.matcher(new Deadline(text, System.nanoTime() + BUDGET_NANOS)).find();
    }

    public String pattern() {
        return pattern.pattern();
    }

    /** The search ran out of time. Without a stack trace: it is expected, and cheap to throw. */
    public static final class TooSlow extends RuntimeException {
        TooSlow() {
            super("regular expression search exceeded its time budget", null, false, false);
        }
    }

    /** The text, checking the clock every few thousand characters the matcher reads. */
    private static final class Deadline implements CharSequence {
        private static final int CHECK_EVERY = 4096;
        private final CharSequence text;
        private final long deadline;
        private int reads;

        Deadline(CharSequence text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if (++reads == CHECK_EVERY) {
                reads = 0;
                if (System.nanoTime() > deadline) {
                    throw new TooSlow();
                }
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
