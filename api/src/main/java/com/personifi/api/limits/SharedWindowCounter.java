package com.personifi.api.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.personifi.schemas.RedisKeys;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each user's requests in one-minute windows that every API instance shares, without a Redis round trip per
 * request. Each instance counts on its own and adds its counts to Redis every {@code flushEvery} (one pipelined
 * batch for all users), learning from the totals Redis answers what the other instances counted. A request is judged
 * by the last known total plus what this instance counted since, so with several instances a user can pass the limit
 * by what the others let through in one flush; on one instance it never counts fewer than were made. While Redis is
 * down each instance goes on counting on its own, and what it counted then is added to Redis when it is back.
 *
 * <p>Sign-up and sign-in attempts are not counted here: their limits guard against guessing passwords and must hold
 * exactly ({@link com.personifi.api.web.FixedWindowCounter}).
 */
final class SharedWindowCounter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedWindowCounter.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration REDIS_PAUSE = Duration.ofSeconds(10);

    /** One client's counts in one window, as this instance knows them. */
    private static final class Counts {
        final String key;
        final long window;
        /** The window's total in Redis when this instance last added to it: every instance's requests. */
        volatile long shared;
        /** Counted here and being added to Redis right now. */
        final AtomicLong sending = new AtomicLong();
        /** Counted here since. */
        final AtomicLong unsent = new AtomicLong();

        Counts(String key, long window) {
            this.key = key;
            this.window = window;
        }
    }

    private final RedissonClient redis;
    private final Clock clock;
    private final Map<String, Counts> counts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private volatile boolean redisWasDown;
    /** After a failure Redis is left alone this long, so the flusher does not wait out a timeout every 200 ms. */
    private volatile long redisPausedUntil;

    /** @param flushEvery how often counts go to Redis; zero for never by itself (tests call {@link #flush()}) */
    SharedWindowCounter(RedissonClient redis, Clock clock, Duration flushEvery) {
        this.redis = redis;
        this.clock = clock;
        if (flushEvery.isZero()) {
            flusher = null;
        } else {
            flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "request-counts");
                thread.setDaemon(true);
                return thread;
            });
            flusher.scheduleWithFixedDelay(this::flushQuietly, flushEvery.toMillis(), flushEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Counts one more request of {@code client} under {@code scope}.
     *
     * @return 0 while within {@code limit}, else the seconds until the window ends (at least 1), for Retry-After
     */
    long retryAfterIfOver(String scope, String client, int limit) {
        long now = clock.millis();
        long window = now / WINDOW.toMillis();
        String key = RedisKeys.rateLimit(scope, client) + ":" + window;
        Counts mine = counts.computeIfAbsent(key, k -> new Counts(k, window));
        // read in the opposite order to the flush's writes, so a request between them counts a flush twice, never
        // not at all
        long unsent = mine.unsent.incrementAndGet();
        long sending = mine.sending.get();
        long count = mine.shared + sending + unsent;
        if (count <= limit) {
            return 0;
        }
        long windowEnd = (window + 1) * WINDOW.toMillis();
        return Math.max(1, (windowEnd - now + 999) / 1000);
    }

    /** Adds what this instance counted to Redis, in one batch, and learns the totals. */
    void flush() {
        long current = clock.millis() / WINDOW.toMillis();
        counts.values().removeIf(c -> c.window < current - 1);
        if (clock.millis() < redisPausedUntil) {
            return;
        }
        List<Counts> sent = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        List<RFuture<Long>> totals = new ArrayList<>();
        RBatch batch = redis.createBatch();
        for (Counts c : counts.values()) {
            long amount = c.unsent.get();
            if (amount == 0) {
                continue;
            }
            // counted as sending before it stops counting as unsent: a request in between is judged on a count
            // too high by what is on its way, never too low
            c.sending.addAndGet(amount);
            c.unsent.addAndGet(-amount);
            sent.add(c);
            amounts.add(amount);
            totals.add(batch.getAtomicLong(c.key).addAndGetAsync(amount));
            batch.getAtomicLong(c.key).expireAsync(WINDOW.multipliedBy(2));
        }
        if (sent.isEmpty()) {
            return;
        }
        try {
            BatchResult<?> ignored = batch.execute();
            for (int i = 0; i < sent.size(); i++) {
                Counts c = sent.get(i);
                c.shared = totals.get(i).toCompletableFuture().join();
                c.sending.addAndGet(-amounts.get(i));
            }
            if (redisWasDown) {
                redisWasDown = false;
                log.info("Request limits are shared through Redis again");
            }
        } catch (RuntimeException e) {
            // what could not be shared still counts here, and is offered to Redis again once it is back
            for (int i = 0; i < sent.size(); i++) {
                Counts c = sent.get(i);
                c.unsent.addAndGet(amounts.get(i));
                c.sending.addAndGet(-amounts.get(i));
            }
            redisPausedUntil = clock.millis() + REDIS_PAUSE.toMillis();
            if (!redisWasDown) {
                redisWasDown = true;
                log.warn("Request limits counted on this instance only, Redis unavailable: {}", e.getMessage());
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not share request counts: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
    }
}
