package com.personifi.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.personifi.schemas.Topics;
import com.personifi.schemas.events.BudgetAlert;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.streams.StreamsSettings;
import com.personifi.streams.TestData;
import com.personifi.testing.TestStack;
import com.personifi.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 transactions of 1,000 users through two stream instances on the real broker; one instance (its own JVM)
 * is killed mid-run without a clean shutdown. Exactly once means: every transaction enriched once, every user's total
 * exact, every budget alert raised once.
 */
class FailoverIntegrationTest {

    private static final int USERS = 1_000;
    private static final int PER_USER = 100;
    /** Today's month in the users' zone: alerts are raised for a current period, not for one long ended. */
    private static final LocalDate MONTH_START = LocalDate.now(java.time.ZoneId.of("Africa/Nairobi")).withDayOfMonth(1);

    @TempDir
    Path stateA;

    @TempDir
    Path stateB;

    @Test
    void killingOneOfTwoInstancesLosesAndDoublesNothing() throws Exception {
        String bootstrap = TestStack.get().kafkaBootstrapServers();
        String appId = "failover-" + UUID.randomUUID();
        UUID[] users = new UUID[USERS];
        UUID[] accounts = new UUID[USERS];
        Map<String, BigDecimal> expectedTotals = new HashMap<>();
        Set<String> expectedAlerts = new HashSet<>();
        AvroSerde<RawTransaction> serde = AvroSerde.of(RawTransaction.class);

        // Not idempotent, one request in flight: right after the broker starts, a partition may answer "not the
        // leader" to a batch it did append, and an idempotent producer's retry of it is then refused as out of order
        // for good. A plain retry may write a record twice instead, which is what the topology has to absorb anyway.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> referenceData = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                users[u] = UUID.randomUUID();
                accounts[u] = UUID.randomUUID();
                referenceData.add(producer.send(new ProducerRecord<>(Topics.USERS, users[u].toString(),
                        TestData.userSettings(users[u], "KES"))));
                // 50 food purchases of (u % 7 + 1) × 10.00 each; limits put users below, between and over thresholds
                BigDecimal food = BigDecimal.valueOf(50L * (u % 7 + 1) * 10);
                BigDecimal limit = BigDecimal.valueOf(2_000 + (u % 5) * 500L);
                referenceData.add(producer.send(new ProducerRecord<>(Topics.BUDGETS, users[u].toString(),
                        ("{\"budgets\":[{\"id\":\"b-" + users[u] + "\",\"category\":\"food\",\"amount\":\"" + limit
                                + "\"}]}").getBytes(StandardCharsets.UTF_8))));
                for (int threshold : List.of(50, 80, 100)) {
                    if (food.multiply(BigDecimal.valueOf(100)).compareTo(limit.multiply(BigDecimal.valueOf(threshold))) >= 0) {
                        expectedAlerts.add("b-" + users[u] + ":" + MONTH_START + ":" + threshold);
                    }
                }
            }
            producer.flush();
            for (Future<RecordMetadata> written : referenceData) {
                written.get(); // every user's settings and budget are on the broker before the test relies on them
            }

            StreamsRunner a = new StreamsRunner(new StreamsSettings(true, appId, stateA.toString(), 1, 0, 100, 10_000,
                    Duration.ofDays(1), "none"), bootstrap);
            Process b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-cp", System.getProperty("java.class.path"), StreamsInstanceMain.class.getName(),
                    bootstrap, appId, stateB.toString()).redirectErrorStream(true).start();
            try {
                a.start();
                awaitLine(b, "RUNNING");
                while (a.state() != KafkaStreams.State.RUNNING) {
                    Thread.sleep(50);
                }
                for (int i = 0; i < PER_USER; i++) {
                    if (i == PER_USER / 2) {
                        producer.flush();
                        awaitEnriched(bootstrap, accounts, USERS * PER_USER / 5);
                        b.destroyForcibly().waitFor();
                    }
                    for (int u = 0; u < USERS; u++) {
                        boolean food = i % 2 == 0;
                        BigDecimal amount = (food ? BigDecimal.valueOf(-10L * (u % 7 + 1))
                                : BigDecimal.valueOf(-(i + u % 13 + 1))).setScale(2);
                        RawTransaction t = TestData.raw(users[u], accounts[u], String.format("SFO%03d%04d", i, u),
                                amount.toPlainString(), "KES", MONTH_START, food
                                        ? "Merchant Payment to 5995543 - NAIVAS SUPERMARKET" : "Airtime Purchase").build();
                        expectedTotals.merge(users[u].toString(), amount, BigDecimal::add);
                        producer.send(new ProducerRecord<>(Topics.RAW_TRANSACTIONS, users[u].toString(),
                                serde.serialize(Topics.RAW_TRANSACTIONS, t)));
                    }
                }
                producer.flush();

                Map<String, BigDecimal> totals = new HashMap<>();
                int records = consumeEnriched(bootstrap, accounts, totals, USERS * PER_USER);
                assertThat(records).isEqualTo(USERS * PER_USER);
                assertThat(totals).isEqualTo(expectedTotals);
                assertThat(alerts(bootstrap, users, expectedAlerts.size())).containsExactlyInAnyOrderElementsOf(expectedAlerts);
            } finally {
                a.stop();
                b.destroyForcibly();
            }
        }
    }

    private static void awaitLine(Process process, String expected) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals(expected)) {
            // the child's log
        }
        assertThat(line).as("second instance running").isEqualTo(expected);
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the child's pipe from filling up
                }
            } catch (java.io.IOException e) {
                // the child was killed
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    private static void awaitEnriched(String bootstrap, UUID[] accounts, int count) {
        consumeEnriched(bootstrap, accounts, new HashMap<>(), count);
    }

    /** Counts the committed enriched records of these accounts (and adds up their users' totals), extras included. */
    private static int consumeEnriched(String bootstrap, UUID[] accounts, Map<String, BigDecimal> totals, int expected) {
        Set<String> ours = new HashSet<>();
        for (UUID account : accounts) {
            ours.add(account.toString());
        }
        AvroSerde<EnrichedTransaction> serde = AvroSerde.of(EnrichedTransaction.class);
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(bootstrap, Topics.ENRICHED_TRANSACTIONS,
                r -> ours.contains(r.key()), expected, Duration.ofMinutes(3), Duration.ofSeconds(3));
        for (ConsumerRecord<String, byte[]> r : records) {
            EnrichedTransaction t = serde.deserialize(r.topic(), r.value());
            totals.merge(t.getUserId(), t.getAmountInBase().setScale(2), BigDecimal::add);
        }
        return records.size();
    }

    private static List<String> alerts(String bootstrap, UUID[] users, int expected) {
        Set<String> ours = new HashSet<>();
        for (UUID user : users) {
            ours.add(user.toString());
        }
        AvroSerde<BudgetAlert> serde = AvroSerde.of(BudgetAlert.class);
        return TopicReader.read(bootstrap, Topics.BUDGET_ALERTS, r -> ours.contains(r.key()), expected,
                        Duration.ofSeconds(60), Duration.ofSeconds(3)).stream()
                .map(r -> serde.deserialize(r.topic(), r.value()).getAlertId()).toList();
    }
}
