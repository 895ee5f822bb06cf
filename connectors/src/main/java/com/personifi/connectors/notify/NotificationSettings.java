package com.personifi.connectors.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification senders ({@code personifi.notifications.*}). The SMTP server itself is Spring Boot's
 * {@code spring.mail.*}; without {@code spring.mail.host} email is skipped, as SMS is without a gateway.
 *
 * @param enabled             whether this process reads alerts and sends anything at all
 * @param sms                 the Africa's Talking-compatible SMS gateway
 * @param email               what emails are sent as
 * @param webhook             outbound webhooks
 * @param retry               how failed deliveries are retried before they are dead-lettered
 * @param pollInterval        how often due deliveries and finished imports are looked for
 * @param senders             deliveries sent at the same time; one slow gateway holds at most this many
 * @param requestTimeout      longest wait for an SMS gateway or webhook answer
 * @param sendingLease        a delivery claimed longer ago than this lost its sender mid-send (the process
 *                            stopped): it is dead-lettered rather than sent again, since the message may be out
 * @param maxAlertAge         older budget alerts are not sent (a consumer group starting on months of alerts must
 *                            not text them all)
 * @param importLookback      imports that finished within this window are announced
 */
@ConfigurationProperties("personifi.notifications")
public record NotificationSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Sms sms,
        @DefaultValue Email email,
        @DefaultValue Webhook webhook,
        @DefaultValue Retry retry,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("4") int senders,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("5m") Duration sendingLease,
        @DefaultValue("2d") Duration maxAlertAge,
        @DefaultValue("1h") Duration importLookback) {

    /**
     * Africa's Talking's messaging API, or any gateway that speaks it: {@code POST {baseUrl}/version1/messaging}.
     *
     * @param baseUrl  e.g. {@code https://api.africastalking.com} (sandbox: {@code https://api.sandbox.africastalking.com});
     *                 empty means SMS is not configured
     * @param username the gateway account's username
     * @param apiKey   sent as the {@code apiKey} header; from the environment only
     * @param from     registered sender id or short code; the gateway's default when empty
     */
    public record Sms(String baseUrl, String username, String apiKey, String from) {

        boolean configured() {
            return present(baseUrl) && present(username) && present(apiKey);
        }

        /** Spring logs bound settings on failure: the key must never be among them. */
        @Override
        public String toString() {
            return "Sms[baseUrl=" + baseUrl + ", username=" + username + ", apiKey=" + (present(apiKey) ? "****" : "")
                    + ", from=" + from + "]";
        }
    }

    /** @param from the sender address, e.g. {@code PersoniFi <alerts@example.com>} */
    public record Email(@DefaultValue("PersoniFi <no-reply@personifi.africa>") String from) {
    }

    /**
     * @param allowPrivateAddresses whether user-registered URLs may point at loopback, private or link-local
     *                              addresses; off in production, so a webhook cannot be aimed at the platform's
     *                              own network
     */
    public record Webhook(@DefaultValue("false") boolean allowPrivateAddresses) {
    }

    /**
     * Exponential backoff: the n-th retry waits {@code initialBackoff × 2^(n-1)}, at most {@code maxBackoff}, plus
     * up to a quarter more at random so deliveries failing together do not retry together.
     *
     * @param maxAttempts attempts in all, the first included, before a delivery is dead-lettered
     */
    public record Retry(@DefaultValue("6") int maxAttempts, @DefaultValue("10s") Duration initialBackoff,
                        @DefaultValue("30m") Duration maxBackoff) {
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
