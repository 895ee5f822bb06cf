package com.personifi.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Spring Boot service connections to the Testcontainers stack (with {@code -Pcontainers}). */
@TestConfiguration(proxyBeanMethods = false)
class ContainersStackConfiguration {

    @Bean
    @ServiceConnection
    PostgreSQLContainer postgres() {
        TestStack.get();
        return ContainerStack.POSTGRES;
    }

    @Bean
    @ServiceConnection
    KafkaContainer kafka() {
        TestStack.get();
        return ContainerStack.KAFKA;
    }

    @Bean
    @ServiceConnection(name = "redis")
    GenericContainer<?> redis() {
        TestStack.get();
        return ContainerStack.REDIS;
    }
}
