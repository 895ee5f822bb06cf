package com.personifi.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** The same three services from Docker images; loaded only with {@code -Pcontainers}. */
final class ContainerStack {

    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer(DockerImageName.parse("postgres:17-alpine"))
            .withDatabaseName("personifi")
            .withCommand("postgres", "-c", "wal_level=logical", "-c", "fsync=off");
    static final KafkaContainer KAFKA = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.1"));
    static final GenericContainer<?> REDIS = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
            .withExposedPorts(6379);

    private ContainerStack() {
    }

    static TestStack.Endpoints start() {
        Startables.deepStart(POSTGRES, KAFKA, REDIS).join();
        return new TestStack.Endpoints(KAFKA.getBootstrapServers(), POSTGRES.getJdbcUrl(), POSTGRES.getUsername(),
                POSTGRES.getPassword(), "redis://" + REDIS.getHost() + ":" + REDIS.getMappedPort(6379));
    }
}
