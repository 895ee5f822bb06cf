package com.personifi.streams.state;

import java.util.function.BiPredicate;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets a store's old entries a slice at a time, each pass resuming after the last key the one before looked at and
 * starting over from the first key once it has passed the last. A store of millions of entries thus never holds the
 * stream thread for a whole scan; an entry is forgotten at most one full round of passes after it expired.
 *
 * @param <V> the store's values
 */
public final class StoreSweep<V> {

    private final int slice;
    /** The last key looked at, or null to start from the first. */
    private String after;

    /** @param slice entries looked at in one pass */
    public StoreSweep(int slice) {
        if (slice < 1) {
            throw new IllegalArgumentException("A pass must look at one entry at least");
        }
        this.slice = slice;
    }

    /**
     * Looks at the next slice of {@code store}, deleting the entries {@code expired} says are.
     *
     * @return the entries looked at
     */
    public int pass(KeyValueStore<String, V> store, BiPredicate<String, V> expired) {
        int seen = 0;
        String resumeAfter = after;
        try (KeyValueIterator<String, V> entries = resumeAfter == null ? store.all() : store.range(resumeAfter, null)) {
            while (seen < slice && entries.hasNext()) {
                var entry = entries.next();
                if (entry.key.equals(resumeAfter)) {
                    // a range starts at its first key, which the last pass looked at already
                    continue;
                }
                seen++;
                after = entry.key;
                if (expired.test(entry.key, entry.value)) {
                    store.delete(entry.key);
                }
            }
            if (!entries.hasNext()) {
                after = null;
            }
        }
        return seen;
    }
}
