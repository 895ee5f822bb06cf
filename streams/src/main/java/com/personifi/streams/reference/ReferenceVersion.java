package com.personifi.streams.reference;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changes to one global reference store, told by the store's update processor after each write. A
 * {@link ReferenceCache} entry made at the current count is known to be current without reading the store again.
 */
public final class ReferenceVersion {

    private final AtomicLong changes = new AtomicLong();

    /** Called after the store was written. */
    public void changed() {
        changes.incrementAndGet();
    }

    public long current() {
        return changes.get();
    }
}
