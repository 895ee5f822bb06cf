package com.personifi.api.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule's {@code description_regex} in the two engines that run it: the stream searches with {@link Pattern}
 * (case-insensitive), the API's preview and retroactive apply with PostgreSQL's {@code ~*}. Most patterns mean the
 * same in both; the few escapes that differ are translated, and constructs that would silently mean something else
 * are refused, so a preview never promises what the stream will not do.
 */
final class RuleRegex {

    static final int MAX_LENGTH = 300;

    // [[:alpha:]] is a POSIX class to PostgreSQL but a set of the letters ':', 'a', 'l', 'p', 'h' to Java
    private static final Pattern POSIX_CLASS = Pattern.compile("\\[[:.=][^\\]]*[:.=]\\]");

    private RuleRegex() {
    }

    /** Why the pattern cannot be used, or null when the stream can run it. */
    static String problem(String regex) {
        if (regex.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        try {
            Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            return "does not compile: " + e.getDescription();
        }
        Matcher posix = POSIX_CLASS.matcher(regex);
        if (posix.find()) {
            return "uses " + posix.group() + ", which is read differently by the categorizer; use a class like [a-z]";
        }
        return null;
    }

    /**
     * The same search for PostgreSQL: Java's word boundaries {@code \b} and {@code \B} are {@code \y} and {@code \Y}
     * there ({@code \b} would be a backspace).
     */
    static String forPostgres(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 8);
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char next = regex.charAt(++i);
                out.append('\\').append(next == 'b' ? 'y' : next == 'B' ? 'Y' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
