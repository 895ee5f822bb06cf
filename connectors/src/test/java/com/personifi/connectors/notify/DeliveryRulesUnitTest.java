package com.personifi.connectors.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

class DeliveryRulesUnitTest {

    private static NotificationSettings settings(NotificationSettings.Sms sms) {
        return new NotificationSettings(true, sms, new NotificationSettings.Email("PersoniFi <a@b.c>"),
                new NotificationSettings.Webhook(false),
                new NotificationSettings.Retry(6, Duration.ofSeconds(10), Duration.ofMinutes(30)), Duration.ofSeconds(1),
                4, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofDays(2), Duration.ofHours(1));
    }

    private static Delivery delivery(Channel channel) {
        Notification n = new Notification("budget-alert:x", UUID.randomUUID(), NotificationKind.BUDGET_ALERT, "hi",
                "subject", "text", "{}");
        return new Delivery(UUID.randomUUID(), n, channel, null, 1);
    }

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheCapWithAtMostAQuarterAdded() {
        Backoff none = new Backoff(new NotificationSettings.Retry(6, Duration.ofSeconds(10), Duration.ofMinutes(30)),
                () -> 0.0);
        Backoff most = new Backoff(new NotificationSettings.Retry(6, Duration.ofSeconds(10), Duration.ofMinutes(30)),
                () -> 0.999);

        assertThat(none.after(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(none.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(none.after(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(none.after(20)).isEqualTo(Duration.ofMinutes(30));
        assertThat(none.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(30));
        assertThat(most.after(1)).isLessThan(Duration.ofMillis(12_500)).isGreaterThan(Duration.ofSeconds(12));
    }

    @Test
    void smsWithoutAConfiguredGatewayIsSkippedNotFailed() {
        SmsSender sender = new SmsSender(settings(new NotificationSettings.Sms(null, "sandbox", null, null)),
                NotificationHttp.create(Duration.ofSeconds(1)), null);

        assertThat(sender.send(delivery(Channel.SMS))).isInstanceOf(DeliveryOutcome.Skipped.class);
    }

    @Test
    void emailWithoutAnSmtpServerIsSkippedNotFailed() {
        EmailSender sender = new EmailSender(new DefaultListableBeanFactory().getBeanProvider(JavaMailSender.class),
                null, settings(new NotificationSettings.Sms(null, null, null, null)));

        assertThat(sender.send(delivery(Channel.EMAIL)))
                .isEqualTo(new DeliveryOutcome.Skipped("SMTP not configured (spring.mail.host)"));
    }

    @Test
    void theGatewayKeyNeverAppearsInTheSettingsAsPrinted() {
        NotificationSettings.Sms sms = new NotificationSettings.Sms("https://api.africastalking.com", "acme",
                "atsk_0123456789abcdef", "ACME");

        assertThat(settings(sms).toString()).doesNotContain("atsk_0123456789abcdef").contains("apiKey=****");
    }

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBodyInHex() throws Exception {
        String body = "{\"id\":\"budget-alert:x\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(("1716192000." + body).getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookSignature.sign("secret", 1716192000L, body)).isEqualTo("v1=" + expected);
    }

    @Test
    void onlyAFailureBeforeTheRequestLeftIsRetriedSoNoMessageGoesOutTwice() {
        assertThat(HttpOutcomes.unreachable("the SMS gateway", new java.net.ConnectException("Connection refused")))
                .isInstanceOf(DeliveryOutcome.TransientFailure.class);
        assertThat(HttpOutcomes.unreachable("the SMS gateway",
                new java.net.http.HttpConnectTimeoutException("connect timed out")))
                .isInstanceOf(DeliveryOutcome.TransientFailure.class);
        // the gateway may have taken the SMS and only its answer was lost
        assertThat(HttpOutcomes.unreachable("the SMS gateway", new java.net.http.HttpTimeoutException("timed out")))
                .isInstanceOf(DeliveryOutcome.PermanentFailure.class);
        assertThat(HttpOutcomes.unreachable("the SMS gateway", new java.io.IOException("Connection reset")))
                .isInstanceOf(DeliveryOutcome.PermanentFailure.class);
        assertThat(HttpOutcomes.interrupted("the webhook")).isInstanceOf(DeliveryOutcome.PermanentFailure.class);
    }

    @Test
    void aMailServersRefusalKeepsOnlyTheDomainOfTheAddress() {
        assertThat(Masking.externalText("550 5.1.1 <jane.wanjiru@example.co.ke>: Recipient address rejected"))
                .isEqualTo("550 5.1.1 <***@example.co.ke>: Recipient address rejected");
    }
}
