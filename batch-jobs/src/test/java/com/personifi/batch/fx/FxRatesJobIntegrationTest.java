package com.personifi.batch.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.schemas.FxRateKey;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.FxRate;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.testing.TestStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class FxRatesJobIntegrationTest {

    @Autowired
    FxRatesJob job;

    @Autowired
    JdbcClient jdbc;

    @Test
    void loadsThePublishedFileIntoTheTableAndPublishesEveryRate() {
        JobExecution execution = job.run("classpath:fx/cbk-sample.csv");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT rate FROM fx_rates WHERE base = 'USD' AND quote = 'KES' AND rate_date = '2016-10-13'")
                .query(BigDecimal.class).single()).isEqualByComparingTo("101.2953");
        long stored = jdbc.sql("SELECT count(*) FROM fx_rates").query(Long.class).single();

        Map<String, FxRate> published = publishedRates(stored);
        assertThat(published).hasSize((int) stored);
        assertThat(published.get(FxRateKey.of("KES", "UGX", LocalDate.of(2016, 10, 13))).getRate())
                .isEqualByComparingTo("33.7628");
    }

    @Test
    void runningTheSameFileAgainChangesNothing() {
        job.run("classpath:fx/cbk-sample.csv");
        long before = jdbc.sql("SELECT count(*) FROM fx_rates").query(Long.class).single();

        assertThat(job.run("classpath:fx/cbk-sample.csv").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.sql("SELECT count(*) FROM fx_rates").query(Long.class).single()).isEqualTo(before);
    }

    private static Map<String, FxRate> publishedRates(long expected) {
        AvroSerde<FxRate> serde = AvroSerde.of(FxRate.class);
        Map<String, FxRate> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "fx-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FX_RATES));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (latest.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(r.key(), serde.deserialize(r.topic(), r.value()));
                }
            }
        }
        return latest;
    }
}
