package com.personifi.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Schedulers;

class UserFeedUnitTest {

    private static final int BUFFER = 8;

    private final UserFeed<String> feed = new UserFeed<>("test.topic", BUFFER, 2, Schedulers.immediate());

    @Test
    void anEventReachesEverySubscriberOfItsUserAndNoOneElse() {
        UUID amina = UUID.randomUUID();
        UUID baraka = UUID.randomUUID();
        List<String> aminasPhone = new CopyOnWriteArrayList<>();
        List<String> aminasBrowser = new CopyOnWriteArrayList<>();
        List<String> barakas = new CopyOnWriteArrayList<>();
        feed.subscribe(amina).subscribe(aminasPhone::add);
        feed.subscribe(amina).subscribe(aminasBrowser::add);
        feed.subscribe(baraka).subscribe(barakas::add);

        feed.publish(amina, "lunch");
        feed.publish(baraka, "fare");
        feed.publish(UUID.randomUUID(), "nobody's here");

        assertThat(aminasPhone).containsExactly("lunch");
        assertThat(aminasBrowser).containsExactly("lunch");
        assertThat(barakas).containsExactly("fare");
    }

    @Test
    void aSubscriberThatFallsAWholeBufferBehindIsEndedWhileTheOthersGoOn() {
        UUID amina = UUID.randomUUID();
        Stalled stalled = new Stalled();
        List<String> keepingUp = new CopyOnWriteArrayList<>();
        feed.subscribe(amina).subscribe(stalled);
        feed.subscribe(amina).subscribe(keepingUp::add);

        for (int i = 0; i < 100; i++) {
            feed.publish(amina, "event " + i);
        }

        assertThat(keepingUp).hasSize(100).endsWith("event 99");
        assertThat(feed.subscribers(amina)).as("attached: only the one keeping up").isEqualTo(1);

        stalled.request(Long.MAX_VALUE);
        assertThat(stalled.received).as("what it was given before falling behind").startsWith("event 0")
                .hasSizeLessThan(100);
        assertThat(stalled.error.get()).isInstanceOf(SubscriberTooSlow.class)
                .hasMessageContaining("more than " + BUFFER + " events behind");
    }

    @Test
    void aUserHoldsAtMostTheAllowedSubscriptionsAndEndingOneFreesItsPlace() {
        UUID amina = UUID.randomUUID();
        Disposable first = feed.subscribe(amina).subscribe();
        feed.subscribe(amina).subscribe();
        AtomicReference<Throwable> third = new AtomicReference<>();

        feed.subscribe(amina).subscribe(event -> { }, third::set);
        assertThat(third.get()).isInstanceOf(TooManySubscriptions.class);
        assertThat(feed.subscribe(UUID.randomUUID()).subscribe().isDisposed()).as("another user's").isFalse();

        first.dispose();
        AtomicReference<Throwable> again = new AtomicReference<>();
        feed.subscribe(amina).subscribe(event -> { }, again::set);
        assertThat(again.get()).isNull();
        assertThat(feed.subscribers(amina)).isEqualTo(2);
    }

    @Test
    void aUserWhoseLastSubscriberLeftIsForgotten() {
        UUID amina = UUID.randomUUID();
        Disposable only = feed.subscribe(amina).subscribe();
        assertThat(feed.hasSubscribers()).isTrue();

        only.dispose();

        assertThat(feed.hasSubscribers()).isFalse();
        assertThat(feed.subscribers(amina)).isZero();
    }

    /** Asks for nothing, as a client whose connection has stalled. */
    private static final class Stalled extends BaseSubscriber<String> {

        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // no demand
        }

        @Override
        protected void hookOnNext(String event) {
            received.add(event);
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error.set(throwable);
        }
    }
}
