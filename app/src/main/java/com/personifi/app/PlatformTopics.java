package com.personifi.app;

import java.time.Duration;
import java.util.Map;

import com.personifi.schemas.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes sure every topic exists, with leaders, while the context is built: before the stream, the sink or the web
 * server start.
 */
@Component
class PlatformTopics {

    PlatformTopics(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                   @Value("${personifi.kafka.partitions:6}") int partitions,
                   @Value("${personifi.kafka.replication-factor:1}") short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicProvisioner.ensureTopics(admin, partitions, replicationFactor, Duration.ofSeconds(60));
        }
    }
}
