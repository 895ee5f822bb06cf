package com.personifi.connectors.notify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through an Africa's Talking-compatible gateway: {@code POST {baseUrl}/version1/messaging}, form fields
 * {@code username}, {@code to}, {@code message} and optionally {@code from}, the key in the {@code apiKey} header.
 * The gateway can answer 2xx and still refuse the recipient: its per-recipient status code decides.
 */
@Component
class SmsSender implements ChannelSender {

    static final String PATH = "/version1/messaging";
    private static final String WHO = "the SMS gateway";
    /** Africa's Talking recipient status codes: Processed, Sent, Queued. */
    private static final Set<Integer> ACCEPTED = Set.of(100, 101, 102);
    /** InternalServerError, GatewayError, RejectedByGateway: the gateway's own trouble, worth a later attempt. */
    private static final Set<Integer> GATEWAY_TROUBLE = Set.of(500, 501, 502);

    private final NotificationSettings.Sms settings;
    private final NotificationHttp http;
    private final Recipients recipients;
    private final JsonMapper json = JsonMapper.builder().build();

    SmsSender(NotificationSettings settings, NotificationHttp http, Recipients recipients) {
        this.settings = settings.sms();
        this.http = http;
        this.recipients = recipients;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public DeliveryOutcome send(Delivery delivery) {
        if (!settings.configured()) {
            return new DeliveryOutcome.Skipped("SMS gateway not configured (personifi.notifications.sms.base-url, "
                    + "username, api-key)");
        }
        String phone = recipients.of(delivery.notification().userId()).map(Recipients.Contact::phone).orElse(null);
        if (phone == null || phone.isBlank()) {
            return new DeliveryOutcome.Skipped("user has no phone number");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", settings.username());
        form.put("to", phone);
        form.put("message", delivery.notification().smsText());
        if (settings.from() != null && !settings.from().isBlank()) {
            form.put("from", settings.from());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(stripSlash(settings.baseUrl()) + PATH))
                .timeout(http.requestTimeout())
                .header("apiKey", settings.apiKey())
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncoded(form)))
                .build();
        try {
            HttpResponse<String> response = http.client().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return HttpOutcomes.refused(WHO, response);
            }
            return recipientOutcome(response.body());
        } catch (IOException e) {
            return HttpOutcomes.unreachable(WHO, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpOutcomes.interrupted("the SMS gateway");
        }
    }

    /** {@code {"SMSMessageData":{"Recipients":[{"statusCode":101,"status":"Success",...}]}}}. */
    private DeliveryOutcome recipientOutcome(String body) {
        JsonNode recipient;
        try {
            recipient = json.readTree(body == null || body.isBlank() ? "{}" : body)
                    .path("SMSMessageData").path("Recipients").path(0);
        } catch (JacksonException e) {
            // a 2xx the gateway took; an unexpected body is no reason to text the user a second time
            return new DeliveryOutcome.Sent();
        }
        if (recipient.isMissingNode() || !recipient.path("statusCode").isNumber()) {
            return new DeliveryOutcome.Sent();
        }
        int code = recipient.path("statusCode").asInt();
        if (ACCEPTED.contains(code)) {
            return new DeliveryOutcome.Sent();
        }
        String reason = "the SMS gateway refused the recipient: " + code + " "
                + Masking.externalText(recipient.path("status").asString(""));
        return GATEWAY_TROUBLE.contains(code) ? new DeliveryOutcome.TransientFailure(reason, null)
                : new DeliveryOutcome.PermanentFailure(reason);
    }

    private static String formEncoded(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
