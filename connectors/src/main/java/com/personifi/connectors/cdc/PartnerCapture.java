package com.personifi.connectors.cdc;

import java.time.Clock;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Capture of a partner bank's core-banking database (Fineract layout): its savings transactions become
 * RawTransactions of the linked PersoniFi accounts.
 */
final class PartnerCapture {

    static final String SOURCE = "partner";
    static final List<String> TABLES = List.of("public.m_savings_account_transaction");

    private PartnerCapture() {
    }

    static ChangeCapture create(CdcProperties cdc, PostgresAddress coreBanking, String bootstrapServers,
                                JdbcTemplate coreBankingJdbc, JdbcTemplate platformJdbc,
                                Producer<String, byte[]> kafka, MeterRegistry meters) {
        String name = cdc.name() + "-partner-cdc";
        Properties debezium = DebeziumSettings.postgres(name, cdc.name() + "-partner", coreBanking, TABLES,
                cdc.partnerSlotName(), cdc.partnerSlotName(), cdc.partnerOffsetsTopic(), bootstrapServers, cdc);
        ReplicationSetup replication = new ReplicationSetup(coreBankingJdbc, cdc.partnerSlotName(),
                cdc.partnerSlotName(), TABLES, bootstrapServers, cdc.partnerOffsetsTopic());
        CdcLag lag = new CdcLag(Clock.systemUTC());
        if (meters != null) {
            lag.register(meters, SOURCE, coreBankingJdbc, cdc.partnerSlotName());
        }
        return new ChangeCapture(name, debezium, replication, new PartnerTransactions(cdc.partner().partner(), kafka,
                new PartnerAccounts(platformJdbc, coreBankingJdbc), lag),
                cdc.restartBackoff().toMillis(), cdc.forgetOnStart());
    }
}
