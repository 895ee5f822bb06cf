package com.personifi.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.personifi.schemas.Topics;
import com.personifi.schemas.events.LedgerCorrection;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.testing.TestStack;
import com.personifi.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The platform's database captured by the connector process, on the real embedded PostgreSQL and Kafka. */
@SpringBootTest(properties = {"personifi.cdc.enabled=true", "personifi.cdc.name=cdc_it",
        "personifi.cdc.restart-backoff=1s"})
class CdcIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private final AvroSerde<RawTransaction> serde = AvroSerde.of(RawTransaction.class);

    static String payload(UUID user, UUID account, String sourceRef, String amount) {
        return """
                {"userId":"%s","accountId":"%s","sourceRef":"%s","source":"MANUAL",
                 "occurredAt":"2024-05-02T06:00:00Z","localDate":"2024-05-02","amount":%s,"currency":"KES",
                 "description":"Lunch at Mama Oliech","counterparty":"Mama Oliech"}"""
                .formatted(user, account, sourceRef, amount);
    }

    static void insertOutbox(JdbcClient jdbc, UUID account, String payload) {
        insertOutbox(jdbc, "transaction", account.toString(), payload);
    }

    static void insertOutbox(JdbcClient jdbc, String aggregateType, String aggregateId, String payload) {
        jdbc.sql("INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) "
                        + "VALUES (?, ?, ?, 'Event', ?::jsonb)")
                .params(UUID.randomUUID(), aggregateType, aggregateId, payload).update();
    }

    private UUID user() {
        UUID user = UUID.randomUUID();
        jdbc.sql("INSERT INTO users (id, email, password_hash, base_currency, time_zone) "
                        + "VALUES (?, ?, 'not-a-real-hash', 'UGX', 'Africa/Kampala')")
                .params(user, user + "@example.com").update();
        return user;
    }

    @Test
    void anOutboxRowBecomesARawTransactionKeyedByItsAccount() {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();

        insertOutbox(jdbc, account, payload(user, account, "manual:lunch-1", "\"-150.50\""));
        insertOutbox(jdbc, account, payload(user, account, "manual:lunch-2", "-20.25"));

        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(Topics.RAW_TRANSACTIONS,
                r -> user.toString().equals(r.key()), 2, Duration.ofSeconds(20));
        assertThat(records).hasSize(2);
        List<RawTransaction> transactions = new ArrayList<>();
        records.forEach(r -> transactions.add(serde.deserialize(Topics.RAW_TRANSACTIONS, r.value())));
        RawTransaction first = transactions.get(0);
        assertThat(first.getId()).isEqualTo(TransactionIds.transactionId(account, "manual:lunch-1").toString());
        assertThat(first.getUserId()).isEqualTo(user.toString());
        assertThat(first.getAmount()).isEqualTo(new BigDecimal("-150.5000"));
        assertThat(first.getCurrency()).isEqualTo("KES");
        assertThat(first.getSource()).isEqualTo(TransactionSource.MANUAL);
        assertThat(first.getOccurredAt()).isEqualTo(Instant.parse("2024-05-02T06:00:00Z"));
        assertThat(first.getLocalDate()).isEqualTo(LocalDate.of(2024, 5, 2));
        assertThat(first.getCounterparty()).isEqualTo("Mama Oliech");
        assertThat(transactions.get(1).getAmount()).isEqualTo(new BigDecimal("-20.2500"));
    }

    @Test
    void anOutboxRowIsDeletedOnceToldAndItsDeleteTellsNothing() throws Exception {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();

        insertOutbox(jdbc, account, payload(user, account, "manual:fare-1", "-80.00"));

        assertThat(TopicReader.read(Topics.RAW_TRANSACTIONS, r -> user.toString().equals(r.key()), 1,
                Duration.ofSeconds(20))).hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (outboxRowsOf(account) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(outboxRowsOf(account)).isZero();
        // the delete is captured too, and is neither a transaction nor a dead letter
        assertThat(TopicReader.read(TestStack.get().kafkaBootstrapServers(), Topics.RAW_TRANSACTIONS,
                r -> user.toString().equals(r.key()), 1, Duration.ofSeconds(20), Duration.ofSeconds(3)))
                .hasSize(1);
        assertThat(TopicReader.read(TestStack.get().kafkaBootstrapServers(), Topics.STREAMS_DEAD_LETTER,
                r -> account.toString().equals(r.key()) || user.toString().equals(r.key()), 0, Duration.ofSeconds(20),
                Duration.ofSeconds(1)))
                .isEmpty();
    }

    private long outboxRowsOf(UUID account) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE aggregateid = ?").param(account.toString())
                .query(Long.class).single();
    }

    @Test
    void aCorrectionRowBecomesALedgerCorrectionKeyedByItsUserInCommitOrder() {
        UUID user = UUID.randomUUID();
        UUID lunch = UUID.randomUUID();
        String correction = """
                {"transactionId":"%s","userId":"%s","occurredAt":"2024-05-02T08:00:00Z","category":"%s",
                 "manualCategory":true,"deleted":%s,"baseCurrency":"KES","amountInBase":"-250.0000",
                 "correctedAt":"2024-05-03T10:00:00Z","budgets":null}""";
        // as the API writes them, each in the database transaction of the change it tells
        insertOutbox(jdbc, "ledger-correction", user.toString(), correction.formatted(lunch, user, "food", false));
        insertOutbox(jdbc, "ledger-correction", user.toString(), correction.formatted(lunch, user, "food", true));

        AvroSerde<LedgerCorrection> corrections = AvroSerde.of(LedgerCorrection.class);
        List<LedgerCorrection> told = TopicReader.read(Topics.LEDGER_CORRECTIONS,
                        r -> user.toString().equals(r.key()), 2, Duration.ofSeconds(20)).stream()
                .map(r -> corrections.deserialize(r.topic(), r.value())).toList();
        assertThat(told).extracting(LedgerCorrection::getDeleted).containsExactly(false, true);
        LedgerCorrection first = told.get(0);
        assertThat(first.getTransactionId()).isEqualTo(lunch.toString());
        assertThat(first.getUserId()).isEqualTo(user.toString());
        assertThat(first.getCategory()).isEqualTo("food");
        assertThat(first.getManualCategory()).isTrue();
        assertThat(first.getAmountInBase()).isEqualTo(new BigDecimal("-250.0000"));
        assertThat(first.getOccurredAt()).isEqualTo(Instant.parse("2024-05-02T08:00:00Z"));
        assertThat(first.getCorrectedAt()).isEqualTo(Instant.parse("2024-05-03T10:00:00Z"));
        assertThat(first.getBudgets()).isNull();
    }

    @Test
    void anOutboxRowOfAnUnknownAggregateTypeIsDeadLetteredWithItsReason() {
        UUID user = UUID.randomUUID();

        insertOutbox(jdbc, "invoice", user.toString(), "{\"total\":\"1.00\"}");

        assertThat(TopicReader.read(Topics.STREAMS_DEAD_LETTER, r -> user.toString().equals(r.key()), 1,
                Duration.ofSeconds(20))).singleElement().satisfies(dead -> assertThat(new String(
                dead.headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("outbox: unknown aggregatetype invoice"));
    }

    @Test
    void anOutboxRowThatIsNotATransactionIsDeadLetteredAndCaptureGoesOn() {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();

        insertOutbox(jdbc, account, "{\"userId\":\"" + user + "\",\"amount\":\"lots\"}");
        insertOutbox(jdbc, account, payload(user, account, "manual:after-a-bad-one", "\"-1.00\""));

        assertThat(TopicReader.read(Topics.STREAMS_DEAD_LETTER, r -> account.toString().equals(r.key()), 1,
                Duration.ofSeconds(20))).hasSize(1);
        assertThat(TopicReader.read(Topics.RAW_TRANSACTIONS, r -> user.toString().equals(r.key()), 1,
                Duration.ofSeconds(20))).hasSize(1);
    }

    @Test
    void aChangeTooLargeForAnyBrokerIsSetAsideByNameAndCaptureGoesOn() {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        String tooLarge = payload(user, account, "manual:two-megabytes", "\"-1.00\"")
                .replace("Lunch at Mama Oliech", "x".repeat(2 * 1024 * 1024));

        insertOutbox(jdbc, account, tooLarge);
        insertOutbox(jdbc, account, payload(user, account, "manual:after-a-large-one", "\"-2.00\""));

        // named by the key it would have had: its user's
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(Topics.STREAMS_DEAD_LETTER,
                r -> user.toString().equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).startsWith("cdc: too large for " + Topics.RAW_TRANSACTIONS);
        List<ConsumerRecord<String, byte[]>> raw = TopicReader.read(Topics.RAW_TRANSACTIONS,
                r -> user.toString().equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(raw).hasSize(1);
        assertThat(serde.deserialize(Topics.RAW_TRANSACTIONS, raw.get(0).value()).getSourceRef())
                .isEqualTo("manual:after-a-large-one");
    }

    @Test
    void aRuleRowChangeRepublishesTheUsersWholeCurrentListOfRules() throws Exception {
        UUID user = user();
        UUID naivas = UUID.randomUUID();
        UUID kplc = UUID.randomUUID();
        String key = user.toString();

        jdbc.sql("INSERT INTO category_rules (id, user_id, priority, conditions, actions) VALUES "
                        + "(?, ?, 20, '{\"counterparty_contains\":\"naivas\"}', '{\"category\":\"groceries\"}'), "
                        + "(?, ?, 10, '{\"merchant_code\":\"888880\"}', '{\"category\":\"electricity\",\"add_tags\":[\"home\"]}')")
                .params(naivas, user, kplc, user).update();
        JsonNode both = CdcTopics.awaitLatest(Topics.CATEGORY_RULES, key,
                doc -> doc.map(d -> d.path("rules").size() == 2).orElse(false));
        assertThat(both.path("user_id").asString()).isEqualTo(key);
        assertThat(both.at("/rules/0/id").asString()).isEqualTo(kplc.toString());
        assertThat(both.at("/rules/0/when/merchant_code").asString()).isEqualTo("888880");
        assertThat(both.at("/rules/0/then/add_tags/0").asString()).isEqualTo("home");
        assertThat(both.at("/rules/1/then/category").asString()).isEqualTo("groceries");

        jdbc.sql("UPDATE category_rules SET actions = '{\"category\":\"food\"}', updated_at = now() WHERE id = ?")
                .param(naivas).update();
        CdcTopics.awaitLatest(Topics.CATEGORY_RULES, key,
                doc -> doc.map(d -> d.at("/rules/1/then/category").asString("").equals("food")).orElse(false));

        jdbc.sql("UPDATE category_rules SET deleted_at = now() WHERE id = ?").param(kplc).update();
        JsonNode softDeleted = CdcTopics.awaitLatest(Topics.CATEGORY_RULES, key,
                doc -> doc.map(d -> d.path("rules").size() == 1).orElse(false));
        assertThat(softDeleted.at("/rules/0/id").asString()).isEqualTo(naivas.toString());

        jdbc.sql("DELETE FROM category_rules WHERE id = ?").param(naivas).update();
        CdcTopics.awaitLatest(Topics.CATEGORY_RULES, key,
                doc -> doc.map(d -> d.has("rules") && d.path("rules").isEmpty()).orElse(false));
    }

    @Test
    void usersBudgetsAndCorrectionsArePublishedInTheShapesTheStreamReads() throws Exception {
        UUID user = user();
        String key = user.toString();

        JsonNode settings = CdcTopics.awaitLatest(Topics.USERS, key, doc -> doc.isPresent());
        assertThat(settings.path("base_currency").asString()).isEqualTo("UGX");
        assertThat(settings.path("time_zone").asString()).isEqualTo("Africa/Kampala");
        assertThat(settings.has("password_hash")).isFalse();
        assertThat(settings.has("email")).isFalse();
        jdbc.sql("UPDATE users SET base_currency = 'KES' WHERE id = ?").param(user).update();
        CdcTopics.awaitLatest(Topics.USERS, key,
                doc -> doc.map(d -> d.path("base_currency").asString("").equals("KES")).orElse(false));

        UUID food = UUID.randomUUID();
        jdbc.sql("INSERT INTO budgets (id, user_id, category, amount, currency, thresholds) "
                + "VALUES (?, ?, 'food', 12345678901.2345, 'KES', '{50,90}')").params(food, user).update();
        JsonNode budgets = CdcTopics.awaitLatest(Topics.BUDGETS, key,
                doc -> doc.map(d -> d.path("budgets").size() == 1).orElse(false));
        assertThat(budgets.at("/budgets/0/amount").asString()).isEqualTo("12345678901.2345");
        assertThat(budgets.at("/budgets/0/period").asString()).isEqualTo("MONTHLY");
        assertThat(budgets.at("/budgets/0/thresholds/1").asInt()).isEqualTo(90);
        jdbc.sql("DELETE FROM budgets WHERE id = ?").param(food).update();
        CdcTopics.awaitLatest(Topics.BUDGETS, key,
                doc -> doc.map(d -> d.has("budgets") && d.path("budgets").isEmpty()).orElse(false));

        String correction = key + "|merchant:888880";
        jdbc.sql("INSERT INTO category_corrections (user_id, correction_key, category, corrections) "
                + "VALUES (?, 'merchant:888880', 'electricity', 3)").param(user).update();
        JsonNode learned = CdcTopics.awaitLatest(Topics.CATEGORY_CORRECTIONS, correction, doc -> doc.isPresent());
        assertThat(learned.path("category").asString()).isEqualTo("electricity");
        assertThat(learned.path("corrections").asInt()).isEqualTo(3);
        jdbc.sql("DELETE FROM category_corrections WHERE user_id = ?").param(user).update();
        CdcTopics.awaitLatest(Topics.CATEGORY_CORRECTIONS, correction, doc -> doc.isEmpty());
    }

    @Test
    void theLagOfCaptureIsAGaugeTaggedWithItsSource() throws Exception {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        insertOutbox(jdbc, account, payload(user, account, "manual:lag", "\"-5.00\""));
        assertThat(TopicReader.read(Topics.RAW_TRANSACTIONS, r -> user.toString().equals(r.key()), 1,
                Duration.ofSeconds(20))).hasSize(1);

        double lag = meters.get("personifi.cdc.lag").tag("source", "platform").timeGauge()
                .value(java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(lag).isBetween(0.0, 20_000.0);
        CdcTopics.await(() -> meters.get("personifi.cdc.slot.lag").tag("source", "platform").gauge().value() >= 0,
                Duration.ofSeconds(10));
    }
}
