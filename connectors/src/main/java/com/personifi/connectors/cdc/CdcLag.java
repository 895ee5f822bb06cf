package com.personifi.connectors.cdc;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How far capture trails its database, as two gauges tagged with the source:
 * {@code personifi.cdc.lag} — from the commit of the last captured change to its delivery on Kafka — and
 * {@code personifi.cdc.slot.lag} — WAL bytes written since the slot's confirmed position, which keeps growing when
 * the engine is stuck or down even though no change arrives to show a lag.
 */
final class CdcLag {

    private final Clock clock;
    private final AtomicLong lagMillis = new AtomicLong();

    CdcLag(Clock clock) {
        this.clock = clock;
    }

    void delivered(SourceRecord record) {
        Long committed = commitMillis(record);
        if (committed != null) {
            lagMillis.set(Math.max(0, clock.millis() - committed));
        }
    }

    long lagMillis() {
        return lagMillis.get();
    }

    /** When the change was committed: the event's source timestamp, else the commit time stored in its position. */
    static Long commitMillis(SourceRecord record) {
        if (record.value() instanceof Struct value && value.schema().field("source") != null
                && value.getStruct("source") != null) {
            return value.getStruct("source").getInt64("ts_ms");
        }
        Map<String, ?> offset = record.sourceOffset();
        if (offset != null && offset.get("ts_usec") instanceof Number micros) {
            return micros.longValue() / 1000;
        }
        return null;
    }

    void register(MeterRegistry registry, String source, JdbcTemplate database, String slot) {
        TimeGauge.builder("personifi.cdc.lag", lagMillis, TimeUnit.MILLISECONDS, AtomicLong::get)
                .tag("source", source)
                .description("Commit of the last captured change to its delivery on Kafka")
                .register(registry);
        Gauge.builder("personifi.cdc.slot.lag", () -> slotLagBytes(database, slot))
                .tag("source", source)
                .baseUnit("bytes")
                .description("WAL written since the replication slot's confirmed position")
                .register(registry);
    }

    static double slotLagBytes(JdbcTemplate database, String slot) {
        try {
            Double bytes = database.query("""
                    SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)
                    FROM pg_replication_slots WHERE slot_name = ?""",
                    rs -> rs.next() ? rs.getDouble(1) : null, slot);
            return bytes == null ? Double.NaN : bytes;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
