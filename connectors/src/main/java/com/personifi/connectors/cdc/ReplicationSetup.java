package com.personifi.connectors.cdc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What capture leaves in the captured database and in Kafka, managed explicitly rather than by Debezium's defaults:
 * the publication is created (or brought back to the captured tables) on every start; the replication slot is created
 * by the engine on its first start and kept across restarts, because it holds the WAL not yet delivered; and
 * {@link #forget()} drops slot, publication and stored offsets together — dropping one without the others would either
 * lose changes or make the engine resume from a position the slot no longer has.
 */
final class ReplicationSetup {

    private static final Logger log = LoggerFactory.getLogger(ReplicationSetup.class);

    private final JdbcTemplate database;
    private final String slot;
    private final String publication;
    private final List<String> tables;
    private final String bootstrapServers;
    private final String offsetsTopic;

    /** Slot and publication names are checked by {@link CdcProperties}; table names are the code's own. */
    ReplicationSetup(JdbcTemplate database, String slot, String publication, List<String> tables,
                     String bootstrapServers, String offsetsTopic) {
        this.database = database;
        this.slot = slot;
        this.publication = publication;
        this.tables = tables;
        this.bootstrapServers = bootstrapServers;
        this.offsetsTopic = offsetsTopic;
    }

    String slot() {
        return slot;
    }

    void preparePublication() {
        String tableList = String.join(", ", tables);
        boolean exists = database.queryForObject("SELECT count(*) FROM pg_publication WHERE pubname = ?",
                Integer.class, publication) > 0;
        if (exists) {
            database.execute("ALTER PUBLICATION " + publication + " SET TABLE " + tableList);
        } else {
            database.execute("CREATE PUBLICATION " + publication + " FOR TABLE " + tableList);
            log.info("Created publication {} for {}", publication, tableList);
        }
    }

    /** Only while no engine of this source runs: an active slot cannot be dropped. */
    void forget() {
        dropSlot();
        database.execute("DROP PUBLICATION IF EXISTS " + publication);
        deleteOffsetsTopic();
        log.info("Forgot change capture {}: slot, publication and offsets topic {} dropped", slot, offsetsTopic);
    }

    private void dropSlot() {
        // a killed engine's walsender can hold the slot for a moment after its process died
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            Boolean active = database.query("SELECT active FROM pg_replication_slots WHERE slot_name = ?",
                    rs -> rs.next() ? rs.getBoolean(1) : null, slot);
            if (active == null) {
                return;
            }
            if (!active) {
                database.queryForList("SELECT pg_drop_replication_slot(?)", slot);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Replication slot " + slot + " is in use; stop its engine first");
            }
            sleep(200);
        }
    }

    private void deleteOffsetsTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.deleteTopics(List.of(offsetsTopic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Could not delete offsets topic " + offsetsTopic, e.getCause());
                }
            }
            // the engine creates the topic again on start, which fails while the deletion is still under way
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(offsetsTopic)
                    && System.nanoTime() < deadline) {
                sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while deleting offsets topic " + offsetsTopic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not delete offsets topic " + offsetsTopic, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
