package com.personifi.connectors.cdc;

import java.time.Duration;

import com.personifi.schemas.ProducerSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform's change capture alone in a JVM of its own, so a test can kill it the hard way (SIGKILL: no close, no
 * last offset flush) in the middle of a stream of changes. Arguments: bootstrap servers, JDBC URL, user, CDC name.
 */
public final class CdcEngineProcess {

    static final String STARTED = "change capture running";

    public static void main(String[] args) throws Exception {
        ChangeCapture capture = start(args[0], args[1], args[2], args[3], Duration.ofMillis(500));
        System.out.println(STARTED);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        capture.stop();
    }

    static ChangeCapture start(String bootstrapServers, String jdbcUrl, String user, String name,
                               Duration offsetFlushInterval) {
        return start(bootstrapServers, jdbcUrl, user, name, offsetFlushInterval, false);
    }

    static ChangeCapture start(String bootstrapServers, String jdbcUrl, String user, String name,
                               Duration offsetFlushInterval, boolean forgetOnStart) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(user);
        CdcProperties cdc = new CdcProperties(true, name, forgetOnStart, offsetFlushInterval, Duration.ofSeconds(10),
                Duration.ofSeconds(1), (short) 1, new CdcProperties.Partner(false, null, null, null, "partner"));
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.durable(bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
        ChangeCapture capture = LedgerCapture.create(cdc, PostgresAddress.fromJdbcUrl(jdbcUrl, user, ""),
                bootstrapServers, new JdbcTemplate(dataSource), producer, null);
        capture.start();
        return capture;
    }

    private CdcEngineProcess() {
    }
}
