package com.personifi.connectors.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;

import com.personifi.schemas.net.PrivateAddresses;
import org.springframework.stereotype.Component;

/**
 * Posts the notification's JSON to an endpoint the user registered, signed with that endpoint's secret. Nothing is
 * refused on our side for the receiver's sake: the receiver verifies the signature and the timestamp.
 */
@Component
class WebhookSender implements ChannelSender {

    private static final String WHO = "the webhook endpoint";

    private final WebhookEndpoints endpoints;
    private final NotificationHttp http;
    private final boolean allowPrivateAddresses;
    private final Clock clock;

    WebhookSender(WebhookEndpoints endpoints, NotificationHttp http, NotificationSettings settings) {
        this.endpoints = endpoints;
        this.http = http;
        this.allowPrivateAddresses = settings.webhook().allowPrivateAddresses();
        this.clock = Clock.systemUTC();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public DeliveryOutcome send(Delivery delivery) {
        Optional<WebhookEndpoints.Endpoint> found = endpoints.live(delivery.endpointId());
        if (found.isEmpty()) {
            return new DeliveryOutcome.Skipped("webhook endpoint removed");
        }
        WebhookEndpoints.Endpoint endpoint = found.get();
        URI url;
        try {
            url = URI.create(endpoint.url());
        } catch (IllegalArgumentException e) {
            return new DeliveryOutcome.PermanentFailure("webhook URL is not a valid URI");
        }
        Optional<DeliveryOutcome> refused = refuseUnsafeTarget(url);
        if (refused.isPresent()) {
            return refused.get();
        }
        String body = delivery.notification().webhookBody();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(http.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "PersoniFi-Webhooks/1")
                .header(WebhookSignature.EVENT_ID_HEADER, delivery.notification().id())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(endpoint.signingSecret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.client().send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? new DeliveryOutcome.Sent() : HttpOutcomes.refused(WHO, response);
        } catch (IOException e) {
            return HttpOutcomes.unreachable(WHO, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpOutcomes.interrupted("the webhook");
        }
    }

    /**
     * A URL a user typed must not make the platform call its own network (loopback, private, link-local ranges such
     * as cloud metadata). Checked at each attempt, since names can be re-pointed.
     */
    private Optional<DeliveryOutcome> refuseUnsafeTarget(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null) {
            return Optional.of(new DeliveryOutcome.PermanentFailure("webhook URL must be http(s) with a host"));
        }
        if (allowPrivateAddresses) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (PrivateAddresses.isPrivate(address)) {
                    return Optional.of(new DeliveryOutcome.PermanentFailure(
                            "webhook URL points at a private or local address"));
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of(new DeliveryOutcome.TransientFailure("webhook host not found", null));
        }
    }
}
