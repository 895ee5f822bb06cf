package com.personifi.connectors.notify;

import java.time.Duration;

/** How one attempt at a delivery ended. Reasons are for the deliveries table and logs: no secrets, no full numbers. */
sealed interface DeliveryOutcome {

    /** The gateway, mail server or receiver took the message. */
    record Sent() implements DeliveryOutcome {
    }

    /** Nothing could be sent and nothing will be: the channel is not configured, or the user has no address. */
    record Skipped(String reason) implements DeliveryOutcome {
    }

    /**
     * Worth another attempt later: a 5xx, a 429, a timeout, a refused connection.
     *
     * @param retryAfter what the other side asked for ({@code Retry-After}), or null
     */
    record TransientFailure(String reason, Duration retryAfter) implements DeliveryOutcome {
    }

    /** Another attempt would be refused the same way (a 4xx other than 429, a malformed address). */
    record PermanentFailure(String reason) implements DeliveryOutcome {
    }
}
