package com.personifi.api.live;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One topic's events, handed to the subscribers of the user each event belongs to and to no one else. The topic is
 * read once per API instance ({@link TopicTail}); publishing never waits. Every subscriber has a bounded buffer of
 * its own and is served on a worker thread, so a subscriber that cannot keep up, or whose events take long to
 * resolve, holds up neither the topic's consumer nor anyone else. One that falls a whole buffer behind is detached
 * from the feed at once and, after the events it was already given, ended with {@code SUBSCRIBER_TOO_SLOW}: it has
 * missed events and should read them by query before subscribing again, rather than go on with gaps it cannot see.
 */
public final class UserFeed<T> {

    /** A user's subscribers on this instance share one sink; each reads it through its own buffer. */
    private static final class Channel<T> {
        final Sinks.Many<T> sink = Sinks.many().multicast().directBestEffort();
        int subscriptions;
    }

    private final String topic;
    private final int buffer;
    private final int subscriptionsPerUser;
    private final Scheduler workers;
    private final Map<UUID, Channel<T>> channels = new ConcurrentHashMap<>();
    private volatile boolean live;

    UserFeed(String topic, int buffer, int subscriptionsPerUser, Scheduler workers) {
        this.topic = topic;
        this.buffer = buffer;
        this.subscriptionsPerUser = subscriptionsPerUser;
        this.workers = workers;
    }

    /**
     * The user's events from now on. Fails with {@code TOO_MANY_SUBSCRIPTIONS} when the user already holds
     * {@code subscriptionsPerUser} of this feed on this instance.
     */
    public Flux<T> subscribe(UUID userId) {
        return Flux.defer(() -> {
            Channel<T> channel = channels.compute(userId, (id, existing) -> {
                Channel<T> c = existing != null ? existing : new Channel<>();
                if (c.subscriptions >= subscriptionsPerUser) {
                    throw new TooManySubscriptions(subscriptionsPerUser);
                }
                c.subscriptions++;
                return c;
            });
            return channel.sink.asFlux()
                    .onBackpressureBuffer(buffer, dropped -> { }, BufferOverflowStrategy.ERROR)
                    .onErrorMap(Exceptions::isOverflow, e -> new SubscriberTooSlow(buffer))
                    // the emitting consumer thread only queues; resolving and sending happen on a worker
                    // errors delayed: what was already queued is delivered before the "too slow" error
                    .publishOn(workers, true, 16)
                    .doFinally(signal -> release(userId, channel));
        });
    }

    /** Hands the event to the user's subscribers on this instance, if any; never waits for them. */
    void publish(UUID userId, T event) {
        Channel<T> channel = channels.get(userId);
        if (channel != null) {
            // one consumer thread emits per feed; a full or cancelled subscriber drops its copy on its own
            channel.sink.tryEmitNext(event);
        }
    }

    /** Whether anyone on this instance listens: the consumer skips decoding records nobody would receive. */
    boolean hasSubscribers() {
        return !channels.isEmpty();
    }

    /** Subscribers of the user currently attached on this instance. */
    public int subscribers(UUID userId) {
        Channel<T> channel = channels.get(userId);
        return channel == null ? 0 : channel.sink.currentSubscriberCount();
    }

    /** Whether this instance's consumer is reading the topic's end, so that an event published now is delivered. */
    public boolean isLive() {
        return live;
    }

    void live(boolean following) {
        this.live = following;
    }

    String topic() {
        return topic;
    }

    private void release(UUID userId, Channel<T> channel) {
        channels.computeIfPresent(userId, (id, c) -> {
            if (c != channel) {
                return c;
            }
            c.subscriptions--;
            return c.subscriptions == 0 ? null : c;
        });
    }
}
