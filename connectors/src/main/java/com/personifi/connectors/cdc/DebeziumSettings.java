package com.personifi.connectors.cdc;

import java.util.List;
import java.util.Properties;

/**
 * The reviewed Debezium configuration shared by every PostgreSQL source: pgoutput, a publication and slot of our own,
 * a snapshot on first start, positions stored in a Kafka topic, and exact decimals.
 */
final class DebeziumSettings {

    private DebeziumSettings() {
    }

    static Properties postgres(String engineName, String topicPrefix, PostgresAddress database, List<String> tables,
                               String slot, String publication, String offsetsTopic, String bootstrapServers,
                               CdcProperties cdc) {
        Properties p = new Properties();
        p.setProperty("name", engineName);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("plugin.name", "pgoutput");
        database.addTo(p);
        p.setProperty("topic.prefix", topicPrefix);
        p.setProperty("table.include.list", String.join(",", tables));
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", publication);
        // ReplicationSetup owns the publication; Debezium would otherwise widen it to every table
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("slot.drop.on.stop", "false");
        // first start (no stored position): read the tables as they are, then follow the WAL
        p.setProperty("snapshot.mode", "initial");
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("heartbeat.interval.ms", Long.toString(cdc.heartbeatInterval().toMillis()));
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        p.setProperty("offset.storage.topic", offsetsTopic);
        p.setProperty("offset.storage.partitions", "1");
        p.setProperty("offset.storage.replication.factor", Short.toString(cdc.offsetsReplicationFactor()));
        p.setProperty("offset.flush.interval.ms", Long.toString(cdc.offsetFlushInterval().toMillis()));
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("client.id", engineName);
        // batches in commit order, handed over whole: one producer keeps each key's order
        p.setProperty("record.processing.order", "ORDERED");
        p.setProperty("max.batch.size", "2048");
        p.setProperty("poll.interval.ms", "100");
        return p;
    }
}
