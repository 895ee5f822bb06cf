package com.personifi.ingest.statement.camt;

import java.util.Arrays;

/**
 * Where the reader is in the document, as the names of the open elements joined by '/'
 * ({@code Document/BkToCstmrStmt/Stmt/Ntry/Amt}). Kept as one growing and shrinking text, so that entering or
 * leaving an element and asking whether the path ends with a few names take time independent of how deep the
 * document is: joining the open names afresh at every element would make a deeply nested upload take time growing
 * with the square of its length.
 */
final class ElementPath {

    private final StringBuilder text = new StringBuilder();
    private int[] starts = new int[16];
    private int depth;

    boolean isEmpty() {
        return depth == 0;
    }

    void enter(String name) {
        if (depth == starts.length) {
            starts = Arrays.copyOf(starts, depth * 2);
        }
        starts[depth++] = text.length();
        if (!text.isEmpty()) {
            text.append('/');
        }
        text.append(name);
    }

    void leave() {
        text.setLength(starts[--depth]);
    }

    /** As {@link String#endsWith} on the joined names, reading only the last {@code suffix.length()} characters. */
    boolean endsWith(String suffix) {
        int offset = text.length() - suffix.length();
        if (offset < 0) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (text.charAt(offset + i) != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
