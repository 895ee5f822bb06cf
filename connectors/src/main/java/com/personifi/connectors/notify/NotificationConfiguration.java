package com.personifi.connectors.notify;

import java.util.Map;

import com.personifi.schemas.ProducerSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    static final String CONTAINER_FACTORY = "notificationContainerFactory";
    static final String GROUP = "personifi-notifications";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> notificationContainerFactory(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                // alerts come from the exactly-once stream: only committed ones are real
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                new StringDeserializer(), new ByteArrayDeserializer()));
        factory.setBatchListener(true);
        // while PostgreSQL is away, keep retrying the batch instead of skipping alerts after a few tries
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(5_000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        return factory;
    }

    /** Its own producer, not a ProducerFactory bean: one of those would replace the application-wide template. */
    @Bean
    NotificationDeadLetters notificationDeadLetters(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        return new NotificationDeadLetters(new DefaultKafkaProducerFactory<>(ProducerSettings.durable(bootstrapServers),
                new StringSerializer(), new ByteArraySerializer()));
    }

    @Bean
    NotificationHttp notificationHttp(NotificationSettings settings) {
        return NotificationHttp.create(settings.requestTimeout());
    }
}
