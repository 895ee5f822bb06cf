package com.personifi.connectors.sink;

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
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class SinkConfiguration {

    static final String CONTAINER_FACTORY = "ledgerSinkContainerFactory";
    static final String GROUP = "personifi-ledger-sink";

    /** Producer for records the sink cannot read, kept apart from any application-wide template. */
    record DeadLetters(KafkaTemplate<String, byte[]> template, DefaultKafkaProducerFactory<String, byte[]> producers)
            implements AutoCloseable {

        @Override
        public void close() {
            producers.destroy();
        }
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> ledgerSinkContainerFactory(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            // 5,000 rather than 2,000: fewer merges and commits for a large upload, 12% more rows/s
            // (docs/benchmarks.md)
            @Value("${personifi.sink.max-batch:5000}") int maxBatch) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                // only what the stream committed: an aborted transaction never reaches the ledger
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxBatch),
                new StringDeserializer(), new ByteArrayDeserializer()));
        factory.setBatchListener(true);
        // The sink sets refused rows aside itself, so whatever still fails is the infrastructure (database, broker):
        // retry the same batch until it works, backing off, instead of skipping records after a few attempts.
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    @Bean
    DeadLetters sinkDeadLetters(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
                ProducerSettings.durable(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
        return new DeadLetters(new KafkaTemplate<>(producers), producers);
    }
}
