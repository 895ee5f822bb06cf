package com.personifi.connectors.cdc;

import com.personifi.schemas.ProducerSettings;
import com.zaxxer.hikari.HikariDataSource;
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

    /** The partner's database, apart from ours: a small pool of its own for looking up account currencies. */
    record CoreBankingDatabase(HikariDataSource dataSource, PostgresAddress address) implements AutoCloseable {

        @Override
        public void close() {
            dataSource.close();
        }
    }

    @Bean
    @ConditionalOnProperty(prefix = "personifi.cdc.partner", name = "enabled", havingValue = "true")
    CoreBankingDatabase coreBankingDatabase(CdcProperties cdc) {
        CdcProperties.Partner partner = cdc.partner();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(partner.jdbcUrl());
        dataSource.setUsername(partner.username());
        dataSource.setPassword(partner.password());
        dataSource.setMaximumPoolSize(2);
        dataSource.setPoolName("core-banking");
        return new CoreBankingDatabase(dataSource,
                PostgresAddress.fromJdbcUrl(partner.jdbcUrl(), partner.username(), partner.password()));
    }

    @Bean
    @ConditionalOnProperty(prefix = "personifi.cdc.partner", name = "enabled", havingValue = "true")
    ChangeCapture partnerChangeCapture(CdcProperties cdc, CoreBankingDatabase coreBanking,
                                       @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                       JdbcTemplate jdbc, KafkaProducer<String, byte[]> cdcProducer,
                                       ObjectProvider<MeterRegistry> meters) {
        return PartnerCapture.create(cdc, coreBanking.address(), bootstrapServers,
                new JdbcTemplate(coreBanking.dataSource()), jdbc, cdcProducer, meters.getIfAvailable());
    }
}
