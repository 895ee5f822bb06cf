package com.personifi.connectors.notify;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next attempt: {@code initial × 2^(attempts-1)}, capped, plus up to a quarter more at random so
 * deliveries that failed together (a gateway outage) do not all come back in the same second.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(NotificationSettings.Retry retry, DoubleSupplier random) {
        this.initial = retry.initialBackoff();
        this.max = retry.maxBackoff();
        this.random = random;
    }

    /** @param attempts attempts made so far (1 after the first failure) */
    Duration after(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 62);
        // compared before shifting, so many attempts cannot overflow into a negative delay
        long millis = initial.toMillis() <= max.toMillis() >> doublings ? initial.toMillis() << doublings
                : max.toMillis();
        return Duration.ofMillis(millis + (long) (millis * 0.25 * random.getAsDouble()));
    }
}
