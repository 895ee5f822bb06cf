package com.personifi.connectors.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * How an HTTP answer or failure counts for a delivery: 5xx, 429, timeouts and refused connections are worth
 * retrying; any other 4xx will be refused again the same way.
 */
final class HttpOutcomes {

    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private HttpOutcomes() {
    }

    /** A non-2xx answer from {@code who} (e.g. "the SMS gateway"). */
    static DeliveryOutcome refused(String who, HttpResponse<String> response) {
        return refused(who, response.statusCode(), response.headers(), response.body());
    }

    static DeliveryOutcome refused(String who, int status, HttpHeaders headers, String body) {
        String reason = "HTTP " + status + " from " + who
                + (body == null || body.isBlank() ? "" : ": " + Masking.externalText(body));
        if (status == 429 || status >= 500) {
            return new DeliveryOutcome.TransientFailure(reason, retryAfter(headers).orElse(null));
        }
        if (status >= 300 && status < 400) {
            return new DeliveryOutcome.PermanentFailure(reason + " (redirects are not followed)");
        }
        return new DeliveryOutcome.PermanentFailure(reason);
    }

    /**
     * Only a failure before the request reached {@code who} is retried. Once it may have arrived (no answer in
     * time, the connection dropped mid-exchange) the outcome is unknown, and sending again could deliver a second
     * SMS: such a delivery is given up instead, so each message goes out at most once.
     */
    static DeliveryOutcome unreachable(String who, IOException e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException
                || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            String what = e instanceof HttpConnectTimeoutException ? "no connection in time"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + Masking.externalText(e.getMessage()));
            return new DeliveryOutcome.TransientFailure(who + " unreachable (" + what + ")", null);
        }
        String what = e instanceof HttpTimeoutException ? "no answer in time" : e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + Masking.externalText(e.getMessage()));
        return new DeliveryOutcome.PermanentFailure("outcome unknown, not sent again: " + who + " may have received "
                + "it (" + what + ")");
    }

    /** Interrupted while the request may have been on its way: as unknown as a lost answer. */
    static DeliveryOutcome interrupted(String who) {
        return new DeliveryOutcome.PermanentFailure("outcome unknown, not sent again: interrupted while sending to "
                + who);
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is rare from gateways and ignored), capped at an hour. */
    private static Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(seconds,
                        MAX_RETRY_AFTER.toSeconds())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
