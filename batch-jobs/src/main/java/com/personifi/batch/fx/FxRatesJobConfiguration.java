package com.personifi.batch.fx;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * FX rates job: load a published rates file into {@code fx_rates} (upsert, so re-running a day is harmless), then
 * publish the table to {@code reference.fx-rates}, where the stream picks rates up by pair and date.
 */
@Configuration(proxyBeanMethods = false)
class FxRatesJobConfiguration {

    static final String JOB = "fxRatesJob";
    static final String RATES_FILE = "ratesFile";
    private static final int CHUNK = 500;

    @Bean
    Job fxRatesJob(JobRepository jobs, Step loadRates, Step publishRates) {
        return new JobBuilder(JOB, jobs).start(loadRates).next(publishRates).build();
    }

    @Bean
    Step loadRates(JobRepository jobs, PlatformTransactionManager transactions, ListItemReader<PublishedRate> ratesFile,
                   JdbcTemplate jdbc) {
        return new StepBuilder("loadRates", jobs).<PublishedRate, PublishedRate>chunk(CHUNK)
                .transactionManager(transactions)
                .reader(ratesFile)
                .writer(upsertInto(jdbc))
                .build();
    }

    @Bean
    Step publishRates(JobRepository jobs, PlatformTransactionManager transactions,
                      JdbcCursorItemReader<PublishedRate> storedRates, FxRatePublisher publisher) {
        return new StepBuilder("publishRates", jobs).<PublishedRate, PublishedRate>chunk(CHUNK)
                .transactionManager(transactions)
                .reader(storedRates)
                .writer(chunk -> publisher.publish(chunk.getItems()))
                .build();
    }

    @Bean
    @StepScope
    ListItemReader<PublishedRate> ratesFile(@Value("#{jobParameters['" + RATES_FILE + "']}") String location,
                                            ResourceLoader resources) {
        try (Reader reader = new InputStreamReader(resources.getResource(location).getInputStream(),
                StandardCharsets.UTF_8)) {
            return new ListItemReader<>(CbkRatesCsv.read(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read rates file " + location, e);
        }
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<PublishedRate> storedRates(DataSource dataSource) {
        JdbcCursorItemReader<PublishedRate> reader = new JdbcCursorItemReader<>(dataSource,
                "SELECT base, quote, rate_date, rate, source FROM fx_rates ORDER BY base, quote, rate_date",
                (rs, row) -> new PublishedRate(rs.getString(1), rs.getString(2), rs.getObject(3, java.time.LocalDate.class),
                        rs.getBigDecimal(4), rs.getString(5)));
        reader.setName("storedRates");
        return reader;
    }

    private static ItemWriter<PublishedRate> upsertInto(JdbcTemplate jdbc) {
        return chunk -> jdbc.batchUpdate("""
                INSERT INTO fx_rates (base, quote, rate_date, rate, source) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (base, quote, rate_date) DO UPDATE SET rate = EXCLUDED.rate, source = EXCLUDED.source""",
                chunk.getItems(), chunk.size(), (ps, rate) -> {
                    ps.setString(1, rate.base());
                    ps.setString(2, rate.quote());
                    ps.setObject(3, rate.date());
                    ps.setBigDecimal(4, rate.rate());
                    ps.setString(5, rate.source());
                });
    }
}
