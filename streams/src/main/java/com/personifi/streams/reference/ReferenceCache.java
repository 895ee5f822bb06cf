package com.personifi.streams.reference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsed reference data by key, re-parsed only when the stored bytes change: reading JSON for every transaction
 * would cost more than the rest of the enrichment. Bounded, least recently used first out. One per processor
 * (stream thread), so it needs no locking.
 * <p>
 * Reference data that cannot be read counts as absent (and is logged once): one bad rule set must not send every
 * transaction of its user to the dead-letter topic.
 */
public final class ReferenceCache<T> {

    private static final Logger log = LoggerFactory.getLogger(ReferenceCache.class);

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
        T parsed;
        try {
            parsed = parser.apply(raw);
        } catch (RuntimeException e) {
            log.warn("Ignoring unreadable reference data for {}: {}", key, e.getMessage());
            parsed = null;
        }
        entries.put(key, new Entry<>(raw, parsed));
        return parsed;
    }
}
