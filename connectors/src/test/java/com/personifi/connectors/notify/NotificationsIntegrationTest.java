package com.personifi.connectors.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.BudgetAlert;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.testing.TestStack;
import com.personifi.testing.TopicReader;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Budget alerts and finished imports reaching users through a real SMS gateway stand-in and webhook receivers (a
 * local HTTP server) and a real SMTP server (GreenMail), on the shared embedded Kafka and PostgreSQL.
 */
@SpringBootTest(properties = {
        "personifi.notifications.enabled=true",
        "personifi.notifications.sms.username=sandbox",
        "personifi.notifications.sms.api-key=test-api-key",
        "personifi.notifications.sms.from=PERSONIFI",
        "personifi.notifications.email.from=PersoniFi <alerts@personifi.test>",
        "personifi.notifications.webhook.allow-private-addresses=true",
        "personifi.notifications.poll-interval=200ms",
        "personifi.notifications.retry.max-attempts=3",
        "personifi.notifications.retry.initial-backoff=300ms",
        "personifi.notifications.retry.max-backoff=1s",
        "personifi.notifications.request-timeout=2s"})
class NotificationsIntegrationTest {

    private static final LocalGateway GATEWAY = start();
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("personifi.notifications.sms.base-url", GATEWAY::baseUrl);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopServers() {
        GATEWAY.close();
        SMTP.stop();
    }

    @Autowired
    JdbcClient jdbc;

    private final AvroSerde<BudgetAlert> serde = AvroSerde.of(BudgetAlert.class);
    private final JsonMapper json = JsonMapper.builder().build();

    record User(UUID id, String phone, String email) {
    }

    @Test
    void aBudgetAlertBecomesOneSmsWithItsTextSentWithTheApiKey() throws Exception {
        User user = givenUser(true, true);
        BudgetAlert alert = alert(user, 80, "8250", "10000");

        publish(alert);

        await(() -> GATEWAY.smsTo(user.phone()).size() == 1);
        LocalGateway.Request sms = GATEWAY.smsTo(user.phone()).get(0);
        assertThat(sms.headers().getFirst("apiKey")).isEqualTo("test-api-key");
        assertThat(sms.headers().getFirst("Accept")).isEqualTo("application/json");
        assertThat(sms.form()).containsEntry("username", "sandbox").containsEntry("from", "PERSONIFI")
                .containsEntry("message", "PersoniFi: 80% of your Food & Groceries budget for May 2024 is spent: "
                        + "KES 8,250.00 of KES 10,000.00.");
        await(() -> "SENT".equals(status(alert, Channel.SMS)));
    }

    @Test
    void aBudgetAlertIsEmailedToTheUser() throws Exception {
        User user = givenUser(false, true);
        BudgetAlert alert = alert(user, 100, "10250.5", "10000");

        publish(alert);

        await(() -> mailsTo(user.email()).size() == 1);
        MimeMessage mail = mailsTo(user.email()).get(0);
        assertThat(mail.getSubject()).isEqualTo("Food & Groceries budget used up (May 2024)");
        assertThat(mail.getFrom()[0].toString()).contains("alerts@personifi.test");
        assertThat(GreenMailUtil.getBody(mail)).contains("You have spent KES 10,250.50 of your KES 10,000.00 budget")
                .contains("Over the budget by: KES 250.50.");
        await(() -> "SKIPPED".equals(status(alert, Channel.SMS)));
        assertThat(lastError(alert, Channel.SMS)).isEqualTo("user has no phone number");
    }

    @Test
    void aWebhookCarriesATimestampedSignatureTheReceiverCanVerify() throws Exception {
        User user = givenUser(false, false);
        String secret = "whsec-" + UUID.randomUUID() + UUID.randomUUID();
        String path = webhook(user, secret);
        BudgetAlert alert = alert(user, 50, "5000", "10000");

        publish(alert);

        await(() -> GATEWAY.webhooksAt(path).size() == 1);
        LocalGateway.Request hook = GATEWAY.webhooksAt(path).get(0);
        String timestamp = hook.headers().getFirst("PersoniFi-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(300L));
        // verified the way a receiver would, without the sender's code
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + hook.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(hook.headers().getFirst("PersoniFi-Signature")).isEqualTo(expected);
        assertThat(hook.headers().getFirst("Content-Type")).isEqualTo("application/json");

        JsonNode body = json.readTree(hook.body());
        assertThat(body.path("id").asString()).isEqualTo("budget-alert:" + alert.getAlertId())
                .isEqualTo(hook.headers().getFirst("PersoniFi-Event-Id"));
        assertThat(body.path("type").asString()).isEqualTo("budget.alert");
        assertThat(body.path("data").path("spent").path("amount").asString()).isEqualTo("5000.00");
        assertThat(body.path("data").path("limit").path("currency").asString()).isEqualTo("KES");
        assertThat(body.path("data").path("thresholdPercent").asInt()).isEqualTo(50);
    }

    @Test
    void theSameAlertDeliveredTwiceSendsOneMessagePerChannel() throws Exception {
        User user = givenUser(true, true);
        String path = webhook(user, "s".repeat(40));
        BudgetAlert alert = alert(user, 80, "8000", "10000");

        publish(alert);
        publish(alert);
        await(() -> GATEWAY.smsTo(user.phone()).size() == 1 && mailsTo(user.email()).size() == 1
                && GATEWAY.webhooksAt(path).size() == 1);
        publish(alert);
        awaitPlanned(alert);
        Thread.sleep(1500);

        assertThat(GATEWAY.smsTo(user.phone())).hasSize(1);
        assertThat(mailsTo(user.email())).hasSize(1);
        assertThat(GATEWAY.webhooksAt(path)).hasSize(1);
        assertThat(jdbc.sql("SELECT channel || ':' || status FROM notification_deliveries WHERE notification_id = ?")
                .param(notificationId(alert)).query(String.class).list())
                .containsExactlyInAnyOrder("SMS:SENT", "EMAIL:SENT", "WEBHOOK:SENT");
    }

    @Test
    void aGatewayThatIsUnavailableOnceIsRetriedAndTheSmsSentOnce() throws Exception {
        User user = givenUser(true, false);
        GATEWAY.answer(user.phone(), 503);
        BudgetAlert alert = alert(user, 80, "8000", "10000");

        publish(alert);

        await(() -> "SENT".equals(status(alert, Channel.SMS)));
        assertThat(GATEWAY.smsTo(user.phone())).hasSize(2);
        assertThat(attempts(alert, Channel.SMS)).isEqualTo(2);
    }

    @Test
    void aPermanentRefusalIsDeadLetteredWithoutRetrying() throws Exception {
        User user = givenUser(false, false);
        String path = webhook(user, "r".repeat(40));
        GATEWAY.answer(path, 400, 400, 400);
        BudgetAlert alert = alert(user, 80, "8000", "10000");

        publish(alert);

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(Topics.NOTIFICATIONS_DEAD_LETTER,
                r -> user.id().toString().equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        JsonNode letter = json.readTree(dead.get(0).value());
        assertThat(letter.path("channel").asString()).isEqualTo("WEBHOOK");
        assertThat(letter.path("notificationId").asString()).isEqualTo(notificationId(alert));
        assertThat(letter.path("reason").asString()).startsWith("HTTP 400 from the webhook endpoint");
        assertThat(status(alert, Channel.WEBHOOK)).isEqualTo("FAILED");
        Thread.sleep(1500);
        assertThat(GATEWAY.webhooksAt(path)).hasSize(1);
        assertThat(attempts(alert, Channel.WEBHOOK)).isEqualTo(1);
    }

    @Test
    void aReceiverThatNeverFinishesItsAnswerIsGivenUpInTimeAndHoldsUpNoOneElse() throws Exception {
        User stalled = givenUser(false, false);
        String path = webhook(stalled, "t".repeat(40));
        GATEWAY.stallAfterHeaders(path);
        User next = givenUser(false, false);
        String nextPath = webhook(next, "u".repeat(40));

        publish(alert(stalled, 80, "8000", "10000"));
        await(() -> GATEWAY.webhooksAt(path).size() == 1);
        publish(alert(next, 80, "8000", "10000"));

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(Topics.NOTIFICATIONS_DEAD_LETTER,
                r -> stalled.id().toString().equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(json.readTree(dead.get(0).value()).path("reason").asString())
                .startsWith("outcome unknown, not sent again");
        await(() -> GATEWAY.webhooksAt(nextPath).size() == 1);
    }

    @Test
    void aRecipientTheGatewayRefusesIsFailedWithoutRetrying() throws Exception {
        User user = givenUser(true, false);
        GATEWAY.refuseRecipient(user.phone(), 403, "InvalidPhoneNumber");
        BudgetAlert alert = alert(user, 80, "8000", "10000");

        publish(alert);

        await(() -> "FAILED".equals(status(alert, Channel.SMS)));
        assertThat(lastError(alert, Channel.SMS)).isEqualTo("the SMS gateway refused the recipient: 403 InvalidPhoneNumber");
        Thread.sleep(1000);
        assertThat(GATEWAY.smsTo(user.phone())).hasSize(1);
    }

    @Test
    void aGatewayThatStaysDownIsGivenUpAfterTheLastAttempt() throws Exception {
        User user = givenUser(true, false);
        GATEWAY.answer(user.phone(), 503, 503, 503, 503, 503);
        BudgetAlert alert = alert(user, 80, "8000", "10000");

        publish(alert);

        await(() -> "FAILED".equals(status(alert, Channel.SMS)));
        assertThat(GATEWAY.smsTo(user.phone())).hasSize(3);
        assertThat(lastError(alert, Channel.SMS)).startsWith("HTTP 503 from the SMS gateway").endsWith("(after 3 attempts)");
        assertThat(TopicReader.read(Topics.NOTIFICATIONS_DEAD_LETTER, r -> user.id().toString().equals(r.key()), 1,
                Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void channelsTurnedOffInTheUsersPreferencesSendNothing() throws Exception {
        User user = givenUser(true, true);
        String path = webhook(user, "p".repeat(40));
        for (Channel channel : Channel.values()) {
            jdbc.sql("INSERT INTO notification_preferences (user_id, kind, channel, enabled) VALUES (?, 'BUDGET_ALERT', ?, FALSE)")
                    .params(user.id(), channel.name()).update();
        }
        BudgetAlert alert = alert(user, 80, "8000", "10000");

        publish(alert);

        awaitPlanned(alert);
        Thread.sleep(1000);
        assertThat(GATEWAY.smsTo(user.phone())).isEmpty();
        assertThat(mailsTo(user.email())).isEmpty();
        assertThat(GATEWAY.webhooksAt(path)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM notification_deliveries WHERE notification_id = ?")
                .param(notificationId(alert)).query(Long.class).single()).isZero();
    }

    @Test
    void aFinishedImportIsAnnouncedByEmailAndWebhookButNotBySms() throws Exception {
        User user = givenUser(true, true);
        String path = webhook(user, "i".repeat(40));
        UUID account = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        jdbc.sql("INSERT INTO accounts (id, user_id, name, type, currency) VALUES (?, ?, 'M-Pesa', 'MOBILE_MONEY', 'KES')")
                .params(account, user.id()).update();
        jdbc.sql("""
                INSERT INTO import_jobs (id, user_id, account_id, file_name, format, status, rows_new, rows_duplicate,
                                         rows_rejected, finished_at)
                VALUES (?, ?, ?, 'mpesa-2024-05.csv', 'MPESA_CSV', 'COMPLETED', 120, 4, 1, now())""")
                .params(job, user.id(), account).update();

        await(() -> mailsTo(user.email()).size() == 1 && GATEWAY.webhooksAt(path).size() == 1);
        assertThat(mailsTo(user.email()).get(0).getSubject()).isEqualTo("Import of mpesa-2024-05.csv finished");
        JsonNode body = json.readTree(GATEWAY.webhooksAt(path).get(0).body());
        assertThat(body.path("type").asString()).isEqualTo("import.finished");
        assertThat(body.path("data").path("rowsNew").asInt()).isEqualTo(120);
        Thread.sleep(1000);
        assertThat(GATEWAY.smsTo(user.phone())).isEmpty();
        assertThat(mailsTo(user.email())).hasSize(1);
    }

    private User givenUser(boolean withPhone, boolean withEmail) {
        UUID id = UUID.randomUUID();
        String phone = withPhone ? "+2547" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999)) : null;
        String email = withEmail ? "user-" + id + "@example.com" : null;
        if (phone == null && email == null) {
            email = "webhooks-only-" + id + "@example.org";
            jdbc.sql("INSERT INTO users (id, email, password_hash) VALUES (?, ?, 'x')").params(id, email).update();
            // no email channel for this user: only the webhook is under test
            jdbc.sql("INSERT INTO notification_preferences (user_id, kind, channel, enabled) VALUES (?, 'BUDGET_ALERT', 'EMAIL', FALSE)")
                    .param(id).update();
            return new User(id, null, null);
        }
        jdbc.sql("INSERT INTO users (id, email, phone, password_hash) VALUES (?, ?, ?, 'x')")
                .params(id, email, phone).update();
        return new User(id, phone, email);
    }

    /** Registers a receiver for the user and returns its path on the local server. */
    private String webhook(User user, String secret) {
        String path = "/hooks/" + user.id();
        jdbc.sql("INSERT INTO webhook_endpoints (id, user_id, url, signing_secret) VALUES (?, ?, ?, ?)")
                .params(UUID.randomUUID(), user.id(), GATEWAY.baseUrl() + path, secret).update();
        return path;
    }

    private static BudgetAlert alert(User user, int threshold, String spent, String limit) {
        String budget = UUID.randomUUID().toString();
        LocalDate start = LocalDate.of(2024, 5, 1);
        return BudgetAlert.newBuilder()
                .setAlertId(budget + ":" + start + ":" + threshold)
                .setUserId(user.id().toString()).setBudgetId(budget).setCategory("food")
                .setPeriodStart(start).setPeriodEnd(start.plusMonths(1)).setThresholdPercent(threshold)
                .setSpent(new BigDecimal(spent).setScale(4)).setLimit(new BigDecimal(limit).setScale(4))
                .setCurrency("KES").setRaisedAt(Instant.now()).build();
    }

    private void publish(BudgetAlert alert) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.BUDGET_ALERTS, alert.getUserId(),
                    serde.serialize(Topics.BUDGET_ALERTS, alert)));
        }
    }

    private static String notificationId(BudgetAlert alert) {
        return "budget-alert:" + alert.getAlertId();
    }

    private void awaitPlanned(BudgetAlert alert) throws Exception {
        await(() -> jdbc.sql("SELECT count(*) FROM notifications WHERE id = ?").param(notificationId(alert))
                .query(Long.class).single() == 1);
    }

    private String status(BudgetAlert alert, Channel channel) {
        return jdbc.sql("SELECT status FROM notification_deliveries WHERE notification_id = ? AND channel = ?")
                .params(notificationId(alert), channel.name()).query(String.class).optional().orElse(null);
    }

    private String lastError(BudgetAlert alert, Channel channel) {
        return jdbc.sql("SELECT last_error FROM notification_deliveries WHERE notification_id = ? AND channel = ?")
                .params(notificationId(alert), channel.name()).query(String.class).single();
    }

    private int attempts(BudgetAlert alert, Channel channel) {
        return jdbc.sql("SELECT attempts FROM notification_deliveries WHERE notification_id = ? AND channel = ?")
                .params(notificationId(alert), channel.name()).query(Integer.class).single();
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static LocalGateway start() {
        try {
            return new LocalGateway();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
