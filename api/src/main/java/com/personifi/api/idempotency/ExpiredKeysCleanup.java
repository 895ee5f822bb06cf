package com.personifi.api.idempotency;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Removes answers older than their 24 hours, every hour, in small batches so no long lock is held. Every API instance
 * runs it; deleting what another instance already deleted costs nothing.
 */
@Component
class ExpiredKeysCleanup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiredKeysCleanup.class);
    private static final int BATCH = 5_000;

    private final IdempotencyKeys keys;
    private ScheduledExecutorService scheduler;

    ExpiredKeysCleanup(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "idempotency-keys-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::removeExpired, 1, 60, TimeUnit.MINUTES);
    }

    void removeExpired() {
        try {
            int removed;
            do {
                removed = keys.removeExpired(BATCH);
            } while (removed == BATCH);
        } catch (RuntimeException e) {
            // the database may be briefly away; the next run catches up
            log.warn("Could not remove expired idempotency keys: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
