package com.personifi.connectors.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
        // a receiver is anyone's server: its headers must come within the request timeout (as a connection must),
        // the whole answer within twice that, and only its first kilobyte is kept, so none can hold a sender thread
        // or fill the heap
        AnswerHead head = new AnswerHead();
        CompletableFuture<HttpResponse<Void>> call = http.client().sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArrayConsumer(head::take));
        try {
            HttpResponse<Void> response = call.get(http.requestTimeout().multipliedBy(2).toMillis(),
                    TimeUnit.MILLISECONDS);
            return response.statusCode() / 100 == 2 ? new DeliveryOutcome.Sent()
                    : HttpOutcomes.refused(WHO, response.statusCode(), response.headers(), head.text());
        } catch (TimeoutException e) {
            call.cancel(true);
            return HttpOutcomes.unreachable(WHO, new HttpTimeoutException("no whole answer in time"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                return HttpOutcomes.unreachable(WHO, io);
            }
            throw new IllegalStateException("Webhook call failed", e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return HttpOutcomes.interrupted("the webhook");
        }
    }

    /** The first kilobyte of an answer, to say why it refused; what comes after is read and dropped. */
    private static final class AnswerHead {

        private static final int KEPT = 1024;

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        synchronized void take(Optional<byte[]> chunk) {
            chunk.ifPresent(b -> bytes.write(b, 0, Math.min(b.length, KEPT - bytes.size())));
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
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
