package com.personifi.api.dashboard;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.personifi.schemas.RedisKeys;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The users' data versions this instance believes without asking Redis: the version last read for a user stands until
 * a message on {@link RedisKeys#DATA_VERSION_CHANGES} names that user, or for {@link #BELIEF} at most, whichever comes
 * first. A phone opening its dashboard again then costs no Redis round trip at all.
 *
 * <p>Pub/sub delivers at most once: a message sent while this instance was cut off from Redis is lost. So a belief is
 * bounded in time, everything believed is dropped whenever the channel is subscribed again, and nothing is believed
 * before the first subscription has succeeded. A version read from Redis is believed only if no message arrived while
 * it was being read, since that message may have been about the very change the read missed.
 */
@Component
class BelievedVersions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BelievedVersions.class);
    /** The longest a change can go unseen here if its message is lost. */
    static final Duration BELIEF = Duration.ofSeconds(10);
    private static final long RETRY_SECONDS = 10;

    private final RedissonClient redis;
    private final Cache<UUID, Long> believed = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(BELIEF)
            .build();
    /** Moves on with every message and every (re)subscription: a read that saw it move may be stale. */
    private final AtomicLong changesHeard = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean running;
    private ScheduledExecutorService retries;

    BelievedVersions(RedissonClient redis) {
        this.redis = redis;
    }

    /** The version believed for the user, or null when it must be read from Redis. */
    Long version(UUID userId) {
        return listening ? believed.getIfPresent(userId) : null;
    }

    /** To be taken before reading a version from Redis and handed to {@link #believe}. */
    long changesHeard() {
        return changesHeard.get();
    }

    /** Believes a version read from Redis, unless a change was heard since {@code heardBefore} (the read's start). */
    void believe(UUID userId, long version, long heardBefore) {
        if (!listening || changesHeard.get() != heardBefore) {
            return;
        }
        // under the entry's lock, as forget() takes it: a message handled in between is seen here, or removes this
        believed.asMap().compute(userId, (id, old) -> changesHeard.get() == heardBefore ? Long.valueOf(version) : old);
    }

    /** The user's data changed: ask Redis next time. For each user a message names, and for this instance's bumps. */
    void forget(UUID userId) {
        changesHeard.incrementAndGet();
        believed.invalidate(userId);
    }

    private void forgetAll() {
        changesHeard.incrementAndGet();
        believed.invalidateAll();
    }

    @Override
    public void start() {
        running = true;
        retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "data-version-changes");
            thread.setDaemon(true);
            return thread;
        });
        // the first attempt on the starting thread, so that the first dashboards served are believed already
        subscribe();
    }

    /** Until it succeeds: Redis may be away when the API starts, and nothing is believed until then. */
    private void subscribe() {
        try {
            RTopic topic = redis.getTopic(RedisKeys.DATA_VERSION_CHANGES, StringCodec.INSTANCE);
            topic.removeAllListeners(); // what a failed attempt before may have left
            topic.addListener(new StatusListener() {
                @Override
                public void onSubscribe(String channel) {
                    // again after a reconnection: whatever was sent meanwhile is lost, so nothing held may stand
                    forgetAll();
                    listening = true;
                }

                @Override
                public void onUnsubscribe(String channel) {
                    listening = false;
                    forgetAll();
                }
            });
            topic.addListener(String.class, (channel, users) -> {
                for (String user : users.split(",")) {
                    try {
                        forget(UUID.fromString(user.strip()));
                    } catch (IllegalArgumentException e) {
                        log.warn("Ignored a data version change naming no user id");
                    }
                }
            });
            forgetAll();
            listening = true;
        } catch (RuntimeException e) {
            log.warn("Not listening for data version changes yet ({}); every dashboard read asks Redis until then",
                    e.getMessage());
            if (running) {
                retries.schedule(this::subscribe, RETRY_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
