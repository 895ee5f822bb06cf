package com.personifi.ingest.statement.ofx;

import java.io.IOException;
import java.io.Reader;
import java.util.Locale;

/**
 * Splits OFX into tags one at a time, the same way for SGML (OFX 1.x, where a value's closing tag is optional) and
 * XML (OFX 2.x, QFX). A start tag followed by text is a value ({@code <TRNAMT>-20.00}); a start tag followed by another
 * tag opens an aggregate. Whatever comes before the first tag (the SGML {@code KEY:VALUE} header) is skipped, and so
 * are processing instructions, comments and declarations. CDATA is kept as written, entities are decoded.
 */
final class OfxTokenizer {

    /** A start tag with its value (null for an aggregate or an empty element), or an end tag. */
    record Token(boolean end, String name, String value, int line) {
    }

    /** Only rejected transactions are ever shown, so a runaway one is cut rather than held whole. */
    private static final int MAX_CAPTURE = 4000;

    private static final int NOTHING = -2;
    /** From the '&amp;' to the ';' of the longest entity read ({@code &#x10FFFF;}), with room to spare. */
    private static final int MAX_ENTITY = 10;

    private final Reader in;
    private int line = 1;
    private int pushedBack = NOTHING;
    /** A value ended at the '<' of the next tag, which is therefore already read. */
    private boolean atTagStart;
    private int tagStartLine;
    private StringBuilder capture;

    OfxTokenizer(Reader in) {
        this.in = in;
    }

    /** The next tag, or null at the end of the file. */
    Token next() throws IOException {
        while (true) {
            if (!atTagStart && skipTo('<') < 0) {
                return null;
            }
            atTagStart = false;
            int tagLine = tagStartLine;
            int c = read();
            if (c == '?' || c == '!') {
                skipMarkup(c);
                continue;
            }
            boolean end = c == '/';
            if (!end) {
                unread(c);
            }
            String name = tagName();
            if (name.isEmpty() || name.endsWith("/")) {
                // an empty <X/> element says nothing
                continue;
            }
            if (end) {
                return new Token(true, name, null, tagLine);
            }
            String value = content();
            return new Token(false, name, value, tagLine);
        }
    }

    /** Starts keeping the raw text read from here on, beginning with {@code prefix} (the tag just read). */
    void startCapture(String prefix) {
        capture = new StringBuilder(prefix);
        if (atTagStart) {
            capture.append('<');
        }
        if (pushedBack >= 0) {
            capture.append((char) pushedBack);
        }
    }

    String stopCapture() {
        String text = capture == null ? "" : capture.toString().strip();
        capture = null;
        return text;
    }

    private String tagName() throws IOException {
        StringBuilder name = new StringBuilder();
        int c;
        while ((c = read()) >= 0 && c != '>') {
            if (Character.isWhitespace(c)) {
                skipTo('>');
                break;
            }
            name.append((char) c);
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    /** The text after a start tag up to the next tag; CDATA sections are part of it. Null when there is none. */
    private String content() throws IOException {
        StringBuilder text = new StringBuilder();
        boolean cdata = false;
        int c;
        while ((c = read()) >= 0) {
            if (c != '<') {
                text.append((char) c);
                continue;
            }
            int after = read();
            if (after == '!') {
                if (startsCdata()) {
                    readCdata(text);
                    cdata = true;
                }
                continue;
            }
            unread(after);
            atTagStart = true;
            break;
        }
        String value = cdata ? text.toString() : decodeEntities(text.toString());
        return value.isBlank() && !cdata ? null : value;
    }

    private boolean startsCdata() throws IOException {
        for (char expected : "[CDATA[".toCharArray()) {
            int c = read();
            if (c != expected) {
                // not CDATA after all: a comment in the middle of a value is dropped
                if (c >= 0 && c != '>') {
                    skipTo('>');
                }
                return false;
            }
        }
        return true;
    }

    private void readCdata(StringBuilder text) throws IOException {
        int c;
        while ((c = read()) >= 0) {
            text.append((char) c);
            int length = text.length();
            if (c == '>' && length >= 3 && text.charAt(length - 2) == ']' && text.charAt(length - 3) == ']') {
                text.setLength(length - 3);
                return;
            }
        }
    }

    private void skipMarkup(int kind) throws IOException {
        if (kind == '!') {
            int a = read();
            int b = read();
            if (a == '-' && b == '-') {
                skipComment();
                return;
            }
        }
        skipTo('>');
    }

    private void skipComment() throws IOException {
        int dashes = 0;
        int c;
        while ((c = read()) >= 0) {
            if (c == '>' && dashes >= 2) {
                return;
            }
            dashes = c == '-' ? dashes + 1 : 0;
        }
    }

    private int skipTo(char wanted) throws IOException {
        int c;
        while ((c = read()) >= 0 && c != wanted) {
            // skip
        }
        return c;
    }

    private int read() throws IOException {
        if (pushedBack != NOTHING) {
            int c = pushedBack;
            pushedBack = NOTHING;
            return c;
        }
        int c = in.read();
        if (c == '\n') {
            line++;
        } else if (c == '<') {
            tagStartLine = line;
        }
        if (capture != null && c >= 0 && capture.length() < MAX_CAPTURE) {
            capture.append((char) c);
        }
        return c;
    }

    private void unread(int c) {
        pushedBack = c;
    }

    static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int semicolon = c == '&' ? semicolonWithin(text, i, MAX_ENTITY) : -1;
            String decoded = semicolon > i ? entity(text.substring(i + 1, semicolon)) : null;
            if (decoded == null) {
                out.append(c);
                i++;
            } else {
                out.append(decoded);
                i = semicolon + 1;
            }
        }
        return out.toString();
    }

    /**
     * The ';' ending an entity that starts at {@code ampersand}, looked for only as far as an entity can reach: a
     * search to the end of the text for every '&amp;' would take time growing with the square of a value's length.
     */
    private static int semicolonWithin(String text, int ampersand, int reach) {
        int end = Math.min(text.length(), ampersand + reach + 1);
        for (int i = ampersand + 1; i < end; i++) {
            if (text.charAt(i) == ';') {
                return i;
            }
        }
        return -1;
    }

    private static String entity(String name) {
        switch (name) {
            case "amp":
                return "&";
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            case "nbsp":
                return " ";
            default:
                return numericEntity(name);
        }
    }

    private static String numericEntity(String name) {
        if (name.length() < 2 || name.charAt(0) != '#') {
            return null;
        }
        try {
            boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
            int code = hex ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
            return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
