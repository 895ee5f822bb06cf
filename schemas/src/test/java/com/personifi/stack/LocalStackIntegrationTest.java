package com.personifi.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsKafkaPostgresAndRedisDataAcrossAStopAndStartAndLeavesNoProcessBehind() throws Exception {
        StackSettings settings = StackSettings.randomPorts(dataDir);

        List<Long> firstPids;
        try (LocalStack stack = LocalStack.start(settings)) {
            firstPids = stack.childPids();
            sql(stack, "CREATE TABLE kept (v TEXT)", "INSERT INTO kept VALUES ('still here')");
            produce(stack.kafkaBootstrapServers().orElseThrow(), "kept", "still here");
            assertThat(redis(stack, "SET kept still-here")).isEqualTo("+OK");
        }
        assertThat(firstPids).hasSize(2).allSatisfy(pid -> assertThat(isAlive(pid)).as("pid %d alive", pid).isFalse());

        List<Long> secondPids;
        try (LocalStack restarted = LocalStack.start(settings)) {
            secondPids = restarted.childPids();
            assertThat(querySingle(restarted, "SELECT v FROM kept")).isEqualTo("still here");
            assertThat(consumeFirst(restarted.kafkaBootstrapServers().orElseThrow(), "kept")).isEqualTo("still here");
            assertThat(redis(restarted, "GET kept")).isEqualTo("$10");
        }
        assertThat(secondPids).allSatisfy(pid -> assertThat(isAlive(pid)).isFalse());
    }

    @Test
    void stopsPostgresAndRedisOrphanedByAKilledJvm() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AbandonedStack.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        List<Long> orphans;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // skip the child's log lines
            }
            assertThat(line).as("child stack started").isNotNull();
            String[] pids = line.split(" ");
            orphans = List.of(Long.parseLong(pids[1]), Long.parseLong(pids[2]));
            jvm.destroyForcibly().waitFor();
        }
        assertThat(orphans).allSatisfy(pid -> assertThat(isAlive(pid)).as("orphan %d", pid).isTrue());

        try (LocalStack next = LocalStack.start(new StackSettings(dataDir, null, 0, 0, 0, false))) {
            assertThat(orphans).allSatisfy(pid -> assertThat(isAlive(pid)).isFalse());
            assertThat(querySingle(next, "SELECT 'up'")).isEqualTo("up");
        }
    }

    @Test
    void aTakenPortFailsWithOneLineNamingThePortAndTheSettingThatMovesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StackSettings settings = new StackSettings(dataDir, null, 0, port, null, false);

            assertThatThrownBy(() -> LocalStack.start(settings))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("PERSONIFI_POSTGRES_PORT")
                    .hasMessageNotContaining("\n");
        }
    }

    private static boolean isAlive(long pid) {
        return StaleProcesses.isRunning(pid);
    }

    private static Connection connect(LocalStack stack) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl().orElseThrow(), stack.jdbcUser(), "");
    }

    private static void sql(LocalStack stack, String... statements) throws SQLException {
        try (Connection c = connect(stack); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static String querySingle(LocalStack stack, String query) throws SQLException {
        try (Connection c = connect(stack); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** One inline Redis command; returns the first reply line. */
    private static String redis(LocalStack stack, String command) throws IOException {
        URI uri = URI.create(stack.redisUrl().orElseThrow());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }

    private static void produce(String bootstrap, String topic, String value)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value)).get();
        }
    }

    private static String consumeFirst(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "restart-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    return records.iterator().next().value();
                }
            }
            return null;
        }
    }
}
