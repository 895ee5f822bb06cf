package com.personifi.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.personifi.schemas.TopicProvisioner;
import com.personifi.stack.LocalStack;
import com.personifi.stack.StackSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The one stack every test in a JVM shares: real Kafka, PostgreSQL and Redis, embedded on random ports with fresh
 * data (default) or from Testcontainers ({@code -Pcontainers}, on machines with Docker). Started on first use,
 * stopped when the JVM exits. Tests keep out of each other's way with their own users and accounts.
 */
public final class TestStack {

    /** Partitions of each keyed topic in tests: more than one, so ordering by key is really exercised. */
    public static final int PARTITIONS = 3;

    public record Endpoints(String kafkaBootstrapServers, String jdbcUrl, String jdbcUser, String jdbcPassword,
                            String redisUrl) {
    }

    private static Endpoints endpoints;

    private TestStack() {
    }

    public static boolean usesContainers() {
        return "containers".equals(System.getProperty("personifi.test.stack"));
    }

    public static synchronized Endpoints get() {
        if (endpoints == null) {
            endpoints = usesContainers() ? ContainerStack.start() : startEmbedded();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    endpoints.kafkaBootstrapServers()))) {
                TopicProvisioner.ensureTopics(admin, PARTITIONS, (short) 1, Duration.ofSeconds(30));
            }
        }
        return endpoints;
    }

    private static Endpoints startEmbedded() {
        try {
            Path dir = Files.createTempDirectory("personifi-test-stack");
            LocalStack stack = LocalStack.start(StackSettings.randomPorts(dir));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitSpringContextsClosed();
                stack.close();
                deleteRecursively(dir);
            }, "personifi-test-stack-stop"));
            return new Endpoints(stack.kafkaBootstrapServers().orElseThrow(), stack.jdbcUrl().orElseThrow(),
                    stack.jdbcUser(), "", stack.redisUrl().orElseThrow());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a directory for the test stack", e);
        }
    }

    /**
     * JVM shutdown hooks run concurrently: Spring's close the cached test contexts, whose Kafka clients would
     * otherwise spend their close timeouts reconnecting to a broker this hook already stopped.
     */
    private static void awaitSpringContextsClosed() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("SpringContextShutdownHook")
                    || thread.getName().startsWith("SpringApplicationShutdownHook")) {
                try {
                    thread.join(Duration.ofSeconds(30).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Work given a directory of its own. */
    public interface DirectoryWork {
        void run(Path dir) throws Exception;
    }

    /** Runs {@code work} in a new temporary directory, deleted afterwards: a benchmark's stack leaves gigabytes. */
    public static void inTemporaryDirectory(String prefix, DirectoryWork work) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        try {
            work.run(dir);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Deletes a directory and everything in it, as far as it can. */
    public static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing a test run for
        }
    }
}
