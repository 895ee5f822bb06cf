package com.personifi.app.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.personifi.stack.LocalStack;
import com.personifi.stack.PortInUseException;
import com.personifi.stack.StackSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded Kafka, PostgreSQL and Redis before Spring does, when no profile other than {@code local} is
 * asked for. Each service is skipped when its external address is set ({@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code DATABASE_URL}, {@code REDIS_URL}). Data lives in {@code PERSONIFI_DATA_DIR} (default {@code ./.personifi}).
 * The stack becomes a bean that stops after everything else on shutdown (Spring's own shutdown hook drives it: a
 * second JVM hook would run concurrently and pull the broker from under the still-running stream).
 */
public final class LocalStackLauncher {

    public static final String LOCAL_PROFILE = "local";

    private LocalStackLauncher() {
    }

    public static void startIfLocal(SpringApplication application, String[] args) {
        if (!isLocal(args)) {
            return;
        }
        application.setAdditionalProfiles(LOCAL_PROFILE);
        LocalStack stack;
        try {
            stack = LocalStack.start(settings());
        } catch (PortInUseException e) {
            // one line a person can act on, not a stack trace
            System.err.println("PersoniFi cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, Object> endpoints = new HashMap<>();
        stack.kafkaBootstrapServers().ifPresent(servers -> endpoints.put("spring.kafka.bootstrap-servers", servers));
        stack.jdbcUrl().ifPresent(url -> {
            endpoints.put("spring.datasource.url", url);
            endpoints.put("spring.datasource.username", stack.jdbcUser());
            endpoints.put("spring.datasource.password", "");
        });
        stack.redisUrl().ifPresent(url -> endpoints.put("spring.data.redis.url", url));
        application.addInitializers(context -> {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("personifiLocalStack", endpoints));
            context.getBeanFactory().registerSingleton("personifiLocalStack", new LocalStackLifecycle(stack));
        });
        application.addListeners((ApplicationListener<ApplicationFailedEvent>) event -> stack.close());
    }

    /** Local unless a profile is asked for that is not "local" (command line, system property or environment). */
    static boolean isLocal(String[] args) {
        String profiles = Arrays.stream(args).filter(a -> a.startsWith("--spring.profiles.active="))
                .map(a -> a.substring("--spring.profiles.active=".length())).findFirst()
                .or(() -> Optional.ofNullable(System.getProperty("spring.profiles.active")))
                .or(() -> Optional.ofNullable(System.getenv("SPRING_PROFILES_ACTIVE")))
                .orElse("");
        return profiles.isBlank() || Arrays.stream(profiles.split(",")).map(String::strip).anyMatch(LOCAL_PROFILE::equals);
    }

    static StackSettings settings() {
        return new StackSettings(
                Path.of(env("PERSONIFI_DATA_DIR").orElse(".personifi")),
                external(LocalStack.EXTERNAL_KAFKA) ? null : port(LocalStack.KAFKA_PORT_SETTING, 9092),
                port(LocalStack.KAFKA_CONTROLLER_PORT_SETTING, 9093),
                external(LocalStack.EXTERNAL_POSTGRES) ? null : port(LocalStack.POSTGRES_PORT_SETTING, 5432),
                external(LocalStack.EXTERNAL_REDIS) ? null : port(LocalStack.REDIS_PORT_SETTING, 6379),
                true);
    }

    private static boolean external(String name) {
        return env(name).isPresent();
    }

    private static int port(String name, int defaultPort) {
        String value = env(name).orElse(Integer.toString(defaultPort));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, was '" + value + "'");
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getProperty(name)).or(() -> Optional.ofNullable(System.getenv(name)))
                .filter(v -> !v.isBlank());
    }
}
