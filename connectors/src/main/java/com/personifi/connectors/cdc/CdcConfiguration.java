package com.personifi.connectors.cdc;

import com.personifi.schemas.ProducerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Change data capture in the connector process; {@code personifi.cdc.enabled=false} leaves it out. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "personifi.cdc", name = "enabled", havingValue = "true", matchIfMissing = true)
class CdcConfiguration {

    /** The producer of every captured change: idempotent, so a retried send never duplicates or reorders a key. */
    @Bean(destroyMethod = "close")
    KafkaProducer<String, byte[]> cdcProducer(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        return new KafkaProducer<>(ProducerSettings.durable(bootstrapServers), new StringSerializer(),
                new ByteArraySerializer());
    }

    @Bean
    ChangeCapture platformChangeCapture(CdcProperties cdc,
                                        @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                        @Value("${spring.datasource.url}") String jdbcUrl,
                                        @Value("${spring.datasource.username:postgres}") String user,
                                        @Value("${spring.datasource.password:}") String password,
                                        JdbcTemplate jdbc, KafkaProducer<String, byte[]> cdcProducer,
                                        ObjectProvider<MeterRegistry> meters) {
        return LedgerCapture.create(cdc, PostgresAddress.fromJdbcUrl(jdbcUrl, user, password), bootstrapServers,
                jdbc, cdcProducer, meters.getIfAvailable());
    }
}
