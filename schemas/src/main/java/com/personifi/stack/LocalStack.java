package com.personifi.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Apache Kafka (KRaft), PostgreSQL and Redis started from Maven artifacts, with no Docker: the default way to
 * run PersoniFi on one machine, and what the tests run on. Kafka and PostgreSQL start in parallel; {@link #close()} stops Kafka
 * first, then Redis, then PostgreSQL, and leaves no process behind.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** Environment variables that move each service, or replace it with an external one (named in errors). */
    public static final String KAFKA_PORT_SETTING = "PERSONIFI_KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT_SETTING = "PERSONIFI_KAFKA_CONTROLLER_PORT";
    public static final String POSTGRES_PORT_SETTING = "PERSONIFI_POSTGRES_PORT";
    public static final String REDIS_PORT_SETTING = "PERSONIFI_REDIS_PORT";
    public static final String EXTERNAL_KAFKA = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String EXTERNAL_POSTGRES = "DATABASE_URL";
    public static final String EXTERNAL_REDIS = "REDIS_URL";

    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedRedisServer redis;
    private boolean closed;

    private LocalStack(EmbeddedKafkaBroker kafka, EmbeddedPostgresServer postgres, EmbeddedRedisServer redis) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.redis = redis;
    }

    public static LocalStack start(StackSettings settings) {
        Path dir = settings.dataDir().toAbsolutePath();
        Path kafkaDir = dir.resolve("kafka");
        Path postgresDir = dir.resolve("postgres");
        Path redisDir = dir.resolve("redis");

        // processes orphaned by a killed JVM hold the ports and data directories: stop them before checking ports
        if (settings.postgresPort() != null) {
            EmbeddedPostgresServer.stopStale(postgresDir);
        }
        if (settings.redisPort() != null) {
            EmbeddedRedisServer.stopStale(redisDir);
        }
        Integer kafkaPort = claim(settings.kafkaPort(), "Kafka", KAFKA_PORT_SETTING, EXTERNAL_KAFKA);
        Integer controllerPort = settings.kafkaPort() == null ? null : claim(settings.kafkaControllerPort(),
                "Kafka", KAFKA_CONTROLLER_PORT_SETTING, EXTERNAL_KAFKA);
        Integer postgresPort = claim(settings.postgresPort(), "PostgreSQL", POSTGRES_PORT_SETTING, EXTERNAL_POSTGRES);
        Integer redisPort = claim(settings.redisPort(), "Redis", REDIS_PORT_SETTING, EXTERNAL_REDIS);

        long started = System.nanoTime();
        // Redis (0.2 s) goes first, alone: its binary is written to disk and executed, and a process forked at that
        // moment by PostgreSQL's start would inherit the open file and make the exec fail with "Text file busy"
        CompletableFuture<EmbeddedRedisServer> redis = startAsync(redisPort,
                () -> io(() -> EmbeddedRedisServer.start(redisDir, redisPort)));
        redis.exceptionally(e -> null).join();
        CompletableFuture<EmbeddedKafkaBroker> kafka = startAsync(kafkaPort,
                () -> io(() -> EmbeddedKafkaBroker.start(kafkaDir, kafkaPort, controllerPort)));
        CompletableFuture<EmbeddedPostgresServer> postgres = startAsync(postgresPort,
                () -> io(() -> EmbeddedPostgresServer.start(postgresDir, postgresPort, settings.durable())));
        try {
            CompletableFuture.allOf(kafka, postgres, redis).join();
        } catch (CompletionException e) {
            // allOf completes only once every start has ended: stop whatever did start, then report the failure
            RuntimeException failure = e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException(e.getCause());
            try {
                new LocalStack(succeeded(kafka), succeeded(postgres), succeeded(redis)).close();
            } catch (RuntimeException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
        LocalStack stack = new LocalStack(kafka.join(), postgres.join(), redis.join());
        log.info("Embedded stack up in {} ms: {}", (System.nanoTime() - started) / 1_000_000, stack.describe());
        return stack;
    }

    private static Integer claim(Integer port, String service, String setting, String external) {
        return port == null ? null : Ports.claim(port, service, setting, external);
    }

    private static <T> CompletableFuture<T> startAsync(Integer port, Supplier<T> start) {
        return port == null ? CompletableFuture.completedFuture(null) : CompletableFuture.supplyAsync(start);
    }

    private static <T> T succeeded(CompletableFuture<T> start) {
        return start.isCompletedExceptionally() ? null : start.join();
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T io(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> kafkaBootstrapServers() {
        return Optional.ofNullable(kafka).map(EmbeddedKafkaBroker::bootstrapServers);
    }

    public Optional<String> jdbcUrl() {
        return Optional.ofNullable(postgres).map(EmbeddedPostgresServer::jdbcUrl);
    }

    /** Database user of the embedded PostgreSQL (trust authentication on loopback). */
    public String jdbcUser() {
        return EmbeddedPostgresServer.USER;
    }

    public Optional<String> redisUrl() {
        return Optional.ofNullable(redis).map(EmbeddedRedisServer::url);
    }

    /** Operating-system processes of the stack (PostgreSQL and Redis run outside the JVM). */
    public List<Long> childPids() {
        List<Long> pids = new ArrayList<>();
        if (postgres != null) {
            pids.add(postgres.pid());
        }
        if (redis != null) {
            pids.add(redis.pid());
        }
        return pids;
    }

    public String describe() {
        return "Kafka " + kafkaBootstrapServers().orElse("external")
                + ", PostgreSQL " + jdbcUrl().orElse("external")
                + ", Redis " + redisUrl().orElse("external");
    }

    /** Kafka first (it is the one clients are still talking to), then Redis, then PostgreSQL. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable service : new AutoCloseable[] {kafka, redis, postgres}) {
            if (service == null) {
                continue;
            }
            try {
                service.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Embedded stack did not stop cleanly");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
        log.info("Embedded stack stopped");
    }
}
