package com.personifi.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.personifi.schemas.Topics;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.testing.TestStack;
import com.personifi.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Capture killed in the middle of a stream of outbox rows and started again: every row still arrives, and what is
 * delivered twice is the same transaction (same id). Runs on a database of its own, so no other engine of the test
 * JVM can deliver the rows in its place.
 */
class CdcRestartIntegrationTest {

    private static final String DATABASE = "cdc_restart";
    private static final String NAME = "cdc_restart";

    private static final Logger log = LoggerFactory.getLogger(CdcRestartIntegrationTest.class);

    private static String jdbcUrl;
    private static JdbcClient jdbc;

    private final AvroSerde<RawTransaction> serde = AvroSerde.of(RawTransaction.class);

    @BeforeAll
    static void database() {
        TestStack.Endpoints stack = TestStack.get();
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setUrl(stack.jdbcUrl());
        server.setUser(stack.jdbcUser());
        JdbcClient.create(server).sql("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)").update();
        JdbcClient.create(server).sql("CREATE DATABASE " + DATABASE).update();
        jdbcUrl = stack.jdbcUrl().substring(0, stack.jdbcUrl().lastIndexOf('/') + 1) + DATABASE;
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(jdbcUrl);
        database.setUser(stack.jdbcUser());
        Flyway.configure().dataSource(database).load().migrate();
        jdbc = JdbcClient.create(database);
    }

    @Test
    void everyOutboxRowArrivesAfterTheEngineIsKilledMidStreamAndDuplicatesAreTheSameTransactions()
            throws Exception {
        UUID user = UUID.randomUUID();
        List<UUID> accounts = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Set<String> keys = Set.of(user.toString());
        int rows = 300;

        Process engine = startEngineProcess();
        Thread writer = null;
        try {
            awaitSlotActive();
            AtomicInteger written = new AtomicInteger();
            writer = new Thread(() -> {
                for (int i = 0; i < rows; i++) {
                    UUID account = accounts.get(i % accounts.size());
                    CdcIntegrationTest.insertOutbox(jdbc, account,
                            CdcIntegrationTest.payload(user, account, "manual:" + i, "\"-" + (i + 1) + ".00\""));
                    written.incrementAndGet();
                    sleep(5);
                }
            }, "outbox-writer");
            writer.start();
            // kill once part of the stream has been delivered and more is on its way
            CdcTopics.await(() -> TopicReader.read(TestStack.get().kafkaBootstrapServers(), Topics.RAW_TRANSACTIONS,
                    r -> keys.contains(r.key()), 0, Duration.ofSeconds(2), Duration.ZERO).size() >= 60,
                    Duration.ofSeconds(60));
            engine.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(written.get()).as("rows written when the engine died").isLessThan(rows);
        } finally {
            engine.destroyForcibly();
            if (writer != null) {
                writer.join();
            }
        }

        ChangeCapture restarted = CdcEngineProcess.start(TestStack.get().kafkaBootstrapServers(), jdbcUrl,
                TestStack.get().jdbcUser(), NAME, Duration.ofSeconds(1));
        List<ConsumerRecord<String, byte[]>> delivered;
        try {
            delivered = TopicReader.read(Topics.RAW_TRANSACTIONS, r -> keys.contains(r.key()), rows,
                    Duration.ofSeconds(60));
        } finally {
            restarted.stop();
        }

        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : delivered) {
            RawTransaction transaction = serde.deserialize(Topics.RAW_TRANSACTIONS, record.value());
            assertThat(record.key()).isEqualTo(transaction.getUserId());
            assertThat(transaction.getId()).isEqualTo(TransactionIds.transactionId(
                    UUID.fromString(transaction.getAccountId()), transaction.getSourceRef()).toString());
            ids.add(transaction.getId());
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < rows; i++) {
            expected.add(TransactionIds.transactionId(accounts.get(i % accounts.size()), "manual:" + i).toString());
        }
        assertThat(ids).isEqualTo(expected);
        log.info("{} outbox rows delivered as {} records across the kill", rows, delivered.size());
    }

    @Test
    void aRestartResumesWhereCaptureStoppedAndForgettingStartsOverWithANewSnapshot() throws Exception {
        String name = "cdc_forget";
        UUID user = user();
        ChangeCapture first = startInProcess(name, false);
        try {
            assertThat(publishedSettings(user, 1)).isEqualTo(1);
        } finally {
            first.stop();
        }

        ChangeCapture resumed = startInProcess(name, false);
        try {
            // a change after the restart arrives; the row captured before it is not read again
            UUID later = user();
            assertThat(publishedSettings(later, 1)).isEqualTo(1);
            assertThat(publishedSettings(user, 1)).isEqualTo(1);
        } finally {
            resumed.stop();
        }

        ChangeCapture forgotten = startInProcess(name, true);
        try {
            assertThat(publishedSettings(user, 2)).as("settings published again by a new snapshot").isEqualTo(2);
        } finally {
            forgotten.stop();
        }

        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(jdbcUrl);
        database.setUser(TestStack.get().jdbcUser());
        new ReplicationSetup(new org.springframework.jdbc.core.JdbcTemplate(database), name + "_cdc", name + "_cdc",
                LedgerCapture.TABLES, TestStack.get().kafkaBootstrapServers(), name + ".cdc.offsets").forget();
        assertThat(jdbc.sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?").param(name + "_cdc")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM pg_publication WHERE pubname = ?").param(name + "_cdc")
                .query(Integer.class).single()).isZero();
    }

    private static ChangeCapture startInProcess(String name, boolean forget) {
        return CdcEngineProcess.start(TestStack.get().kafkaBootstrapServers(), jdbcUrl, TestStack.get().jdbcUser(),
                name, Duration.ofMillis(200), forget);
    }

    private static UUID user() {
        UUID user = UUID.randomUUID();
        jdbc.sql("INSERT INTO users (id, email, password_hash) VALUES (?, ?, 'x')").params(user, user + "@example.com")
                .update();
        return user;
    }

    private static int publishedSettings(UUID user, int expected) {
        return TopicReader.read(Topics.USERS, r -> user.toString().equals(r.key()), expected, Duration.ofSeconds(30))
                .size();
    }

    private static Process startEngineProcess() throws Exception {
        Path log = Files.createTempFile("cdc-engine", ".log");
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                CdcEngineProcess.class.getName(),
                TestStack.get().kafkaBootstrapServers(), jdbcUrl, TestStack.get().jdbcUser(), NAME));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        CdcTopics.await(() -> {
            assertThat(process.isAlive()).as("engine process alive, see " + log).isTrue();
            return Files.readString(log).contains(CdcEngineProcess.STARTED);
        }, Duration.ofSeconds(60));
        return process;
    }

    /** Streaming has begun once the engine holds its slot: the snapshot of the empty tables is behind it. */
    private static void awaitSlotActive() throws Exception {
        CdcTopics.await(() -> jdbc.sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? AND active")
                .param(NAME + "_cdc").query(Integer.class).single() == 1, Duration.ofSeconds(60));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
