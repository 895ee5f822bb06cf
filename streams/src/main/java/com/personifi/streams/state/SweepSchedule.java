package com.personifi.streams.state;

import java.time.Duration;

/** How the processors forget what has expired: often, and a bounded slice at a time ({@link StoreSweep}). */
public final class SweepSchedule {

    /** How often each store is swept; wall-clock time, so an idle partition is swept too. */
    public static final Duration EVERY = Duration.ofMinutes(1);
    /**
     * Entries one pass looks at: a few milliseconds of the stream thread. 1.2 million entries an hour, so a store of
     * ten million is gone through in about eight hours, against retentions of months.
     */
    public static final int SLICE = 20_000;

    private SweepSchedule() {
    }
}
