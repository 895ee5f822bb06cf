package com.personifi.connectors.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries from the deliveries table. A failed attempt is not retried in place: it is given a time for
 * its next attempt and the sender moves on, so one user's gateway trouble delays nobody else's messages by more than
 * one request timeout. Finished imports are looked for on the same beat.
 */
@Component
class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    static final String ABANDONED = "outcome unknown: the process stopped while sending; not sent again, as the "
            + "message may have gone out";

    private final NotificationSettings settings;
    private final Deliveries deliveries;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final NotificationDeadLetters deadLetters;
    private final FinishedImportsWatcher imports;
    private final Backoff backoff;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private ScheduledExecutorService beat;
    private ExecutorService sending;
    private volatile boolean running;

    DeliveryDispatcher(NotificationSettings settings, Deliveries deliveries, List<ChannelSender> senders,
                       NotificationDeadLetters deadLetters, FinishedImportsWatcher imports) {
        this.settings = settings;
        this.deliveries = deliveries;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.deadLetters = deadLetters;
        this.imports = imports;
        this.backoff = new Backoff(settings.retry(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Look for due deliveries now rather than at the next beat (a notification was just planned). */
    void wake() {
        if (running && wakePending.compareAndSet(false, true)) {
            try {
                beat.execute(() -> {
                    wakePending.set(false);
                    dispatchDue();
                });
            } catch (RuntimeException e) {
                wakePending.set(false);
            }
        }
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Notifications are off (personifi.notifications.enabled=false)");
            return;
        }
        beat = Executors.newSingleThreadScheduledExecutor(named("notification-dispatch"));
        sending = Executors.newFixedThreadPool(Math.max(1, settings.senders()), named("notification-sender"));
        running = true;
        long interval = settings.pollInterval().toMillis();
        beat.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (beat != null) {
            // messages on their way are let finish: interrupting one would leave its outcome unknown
            beat.shutdown();
            sending.shutdown();
            try {
                if (!sending.awaitTermination(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    sending.shutdownNow();
                }
                beat.awaitTermination(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void beat() {
        try {
            for (Delivery lost : deliveries.failAbandoned(settings.sendingLease(), ABANDONED)) {
                log.warn("{} delivery {} of {} failed: {}", lost.channel(), lost.id(), lost.notification().id(), ABANDONED);
                deadLetters.deliveryFailed(lost, ABANDONED);
            }
            imports.announceFinished();
        } catch (RuntimeException e) {
            log.warn("Could not look for abandoned deliveries or finished imports: {}", e.getMessage());
        }
        dispatchDue();
    }

    /** Sends until nothing is due; each round claims as many deliveries as there are sender threads. */
    void dispatchDue() {
        int batch = Math.max(1, settings.senders());
        try {
            List<Delivery> due;
            do {
                due = deliveries.claimDue(batch);
                List<Future<?>> inFlight = new ArrayList<>(due.size());
                for (Delivery delivery : due) {
                    inFlight.add(sending.submit(() -> attempt(delivery)));
                }
                for (Future<?> f : inFlight) {
                    f.get();
                }
            } while (running && due.size() == batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            // the deliveries stay claimed; the lease sorts them out, and the next beat goes on with the rest
            log.warn("Sending notifications failed: {}", e.getMessage());
        }
    }

    private void attempt(Delivery delivery) {
        ChannelSender sender = senders.get(delivery.channel());
        DeliveryOutcome outcome;
        try {
            outcome = sender.send(delivery);
        } catch (RuntimeException e) {
            // a bug or a database hiccup looking up the address: a later attempt may well succeed
            outcome = new DeliveryOutcome.TransientFailure("unexpected error: " + e.getClass().getSimpleName(), null);
            log.warn("{} delivery {} threw", delivery.channel(), delivery.id(), e);
        }
        record(delivery, outcome);
    }

    private void record(Delivery d, DeliveryOutcome outcome) {
        String what = d.channel() + " delivery " + d.id() + " of " + d.notification().id();
        if (outcome instanceof DeliveryOutcome.Sent) {
            deliveries.sent(d.id());
            log.info("Sent {} to user {} (attempt {})", what, d.notification().userId(), d.attempts());
        } else if (outcome instanceof DeliveryOutcome.Skipped skipped) {
            deliveries.skipped(d.id(), skipped.reason());
            log.info("Skipped {}: {}", what, skipped.reason());
        } else if (outcome instanceof DeliveryOutcome.PermanentFailure failure) {
            giveUp(d, what, failure.reason());
        } else if (outcome instanceof DeliveryOutcome.TransientFailure failure) {
            if (d.attempts() >= settings.retry().maxAttempts()) {
                giveUp(d, what, failure.reason() + " (after " + d.attempts() + " attempts)");
                return;
            }
            Duration delay = backoff.after(d.attempts());
            if (failure.retryAfter() != null && failure.retryAfter().compareTo(delay) > 0) {
                delay = failure.retryAfter();
            }
            deliveries.retryAfter(d.id(), failure.reason(), delay);
            log.info("Attempt {} of {} failed, next in {} ms: {}", d.attempts(), what, delay.toMillis(),
                    failure.reason());
        }
    }

    private void giveUp(Delivery d, String what, String reason) {
        deliveries.failed(d.id(), reason);
        deadLetters.deliveryFailed(d, reason);
        log.warn("Gave up on {}: {}", what, reason);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
