package com.personifi.streams.reference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Parsed reference data by key, re-parsed only when the stored bytes change: reading JSON for every transaction
 * would cost more than the rest of the enrichment. Bounded, least recently used first out. One per processor
 * (stream thread), so it needs no locking.
 */
public final class ReferenceCache<T> {

    private record Entry<T>(byte[] raw, T parsed) {
    }

    private final Function<byte[], T> parser;
    private final Map<String, Entry<T>> entries;

    public ReferenceCache(Function<byte[], T> parser, int capacity) {
        this.parser = parser;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<T>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The parsed value of {@code raw} (as just read from the store for {@code key}); null when raw is null. */
    public T get(String key, byte[] raw) {
        if (raw == null) {
            entries.remove(key);
            return null;
        }
        Entry<T> cached = entries.get(key);
        if (cached != null && Arrays.equals(cached.raw(), raw)) {
            return cached.parsed();
        }
        T parsed = parser.apply(raw);
        entries.put(key, new Entry<>(raw, parsed));
        return parsed;
    }
}
