package com.personifi.connectors.cdc;

import java.time.Clock;
import java.util.List;
import java.util.Properties;

import com.personifi.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Capture of the platform's own database: the outbox (through Debezium's outbox EventRouter) and the reference
 * tables. Users are captured without their login and password columns, which never leave the database this way.
 */
final class LedgerCapture {

    static final String SOURCE = "platform";
    static final List<String> TABLES = List.of("public.outbox", "public.users", "public.budgets",
            "public.category_rules", "public.category_corrections");

    private LedgerCapture() {
    }

    static ChangeCapture create(CdcProperties cdc, PostgresAddress database, String bootstrapServers,
                                JdbcTemplate jdbc, Producer<String, byte[]> kafka, MeterRegistry meters) {
        // the prefix also names the engine's JMX metrics, which must differ between engines of one JVM
        Properties debezium = DebeziumSettings.postgres(cdc.name() + "-cdc", cdc.name(), database, TABLES,
                cdc.slotName(), cdc.publicationName(), cdc.offsetsTopic(), bootstrapServers, cdc);
        debezium.setProperty("column.exclude.list",
                "public.users.password_hash,public.users.email,public.users.phone,public.users.display_name");
        outboxRouting(debezium, cdc.name());
        ReplicationSetup replication = new ReplicationSetup(jdbc, cdc.slotName(), cdc.publicationName(), TABLES,
                bootstrapServers, cdc.offsetsTopic());
        CdcLag lag = new CdcLag(Clock.systemUTC());
        if (meters != null) {
            lag.register(meters, SOURCE, jdbc, cdc.slotName());
        }
        return new ChangeCapture(cdc.name() + "-cdc", debezium, replication,
                new LedgerChanges(kafka, new ReferenceDocuments(jdbc), lag, jdbc),
                cdc.restartBackoff().toMillis(), cdc.forgetOnStart());
    }

    /**
     * Outbox rows become events keyed by aggregateid with the payload as value; the predicate keeps the router off
     * the reference tables' changes, which it would otherwise reject as not being outbox rows.
     */
    private static void outboxRouting(Properties p, String topicPrefix) {
        p.setProperty("transforms", "outbox");
        p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        p.setProperty("transforms.outbox.predicate", "isOutbox");
        p.setProperty("transforms.outbox.route.topic.replacement", Topics.RAW_TRANSACTIONS);
        p.setProperty("transforms.outbox.table.field.event.key", "aggregateid");
        p.setProperty("transforms.outbox.table.field.event.payload", "payload");
        p.setProperty("transforms.outbox.table.fields.additional.placement",
                "aggregatetype:header:" + LedgerChanges.AGGREGATE_TYPE_HEADER + ",type:header:eventType");
        p.setProperty("predicates", "isOutbox");
        p.setProperty("predicates.isOutbox.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        p.setProperty("predicates.isOutbox.pattern", topicPrefix + "\\.public\\.outbox");
    }
}
