package com.personifi.batch.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import com.personifi.schemas.FxRateKey;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.FxRate;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.testing.TopicReader;
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
        String query = "SELECT base || quote || rate_date || ':' || rate FROM fx_rates ORDER BY 1";
        java.util.List<String> before = jdbc.sql(query).query(String.class).list();

        assertThat(job.run("classpath:fx/cbk-sample.csv").getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.sql(query).query(String.class).list()).isNotEmpty().isEqualTo(before);
    }

    /** The latest published rate of each key. */
    private static Map<String, FxRate> publishedRates(long expected) {
        AvroSerde<FxRate> serde = AvroSerde.of(FxRate.class);
        Map<String, FxRate> latest = new HashMap<>();
        TopicReader.read(Topics.FX_RATES, r -> true, (int) expected, Duration.ofSeconds(20))
                .forEach(r -> latest.put(r.key(), serde.deserialize(r.topic(), r.value())));
        return latest;
    }
}
