package com.personifi.streams.reference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsed reference data by key. Reading JSON for every transaction would cost more than the rest of the enrichment,
 * and even reading the store's bytes for every transaction (several lookups each) costs a good share of it; so an
 * entry is trusted without reading the store while its store has not changed ({@link ReferenceVersion}) and for at
 * most {@link #TRUSTED_FOR_MS}, after which the bytes are read again and re-parsed only if they differ. Absent data
 * is cached as absent. Bounded, least recently used first out. One per processor (stream thread), so it needs no
 * locking.
 * <p>
 * Reference data that cannot be read counts as absent (and is logged once): one bad rule set must not send every
 * transaction of its user to the dead-letter topic.
 */
public final class ReferenceCache<T> {

    /**
     * A store can also change without its update processor (a global store rebuilt from its topic): no entry is
     * trusted longer than this without reading the store again.
     */
    static final long TRUSTED_FOR_MS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ReferenceCache.class);

    private record Entry<T>(byte[] raw, T parsed, long version, long readAt) {
    }

    private final Function<byte[], T> parser;
    private final ReferenceVersion version;
    private final LongSupplier clock;
    private final Map<String, Entry<T>> entries;

    public ReferenceCache(Function<byte[], T> parser, ReferenceVersion version, int capacity) {
        this(parser, version, capacity, System::currentTimeMillis);
    }

    ReferenceCache(Function<byte[], T> parser, ReferenceVersion version, int capacity, LongSupplier clock) {
        this.parser = parser;
        this.version = version;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<T>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The parsed value stored under {@code key} ({@code store} reads its bytes); null when there is none. */
    public T get(String key, Function<String, byte[]> store) {
        long current = version.current();
        long now = clock.getAsLong();
        Entry<T> cached = entries.get(key);
        if (cached != null && cached.version() == current && now - cached.readAt() < TRUSTED_FOR_MS) {
            return cached.parsed();
        }
        byte[] raw = store.apply(key);
        T parsed = cached != null && Arrays.equals(cached.raw(), raw) ? cached.parsed() : parse(key, raw);
        entries.put(key, new Entry<>(raw, parsed, current, now));
        return parsed;
    }

    private T parse(String key, byte[] raw) {
        if (raw == null) {
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            log.warn("Ignoring unreadable reference data for {}: {}", key, e.getMessage());
            return null;
        }
    }
}
