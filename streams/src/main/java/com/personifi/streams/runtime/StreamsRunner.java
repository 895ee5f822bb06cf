package com.personifi.streams.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.personifi.schemas.ProducerSettings;
import com.personifi.streams.StreamsSettings;
import com.personifi.streams.enrich.EnrichmentTopology;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the enrichment topology with exactly-once processing. Starts before the web server opens and stops after it
 * has drained, so no accepted upload is left half-processed by a shutdown.
 */
@Component
@ConditionalOnProperty(prefix = "personifi.streams", name = "enabled", havingValue = "true", matchIfMissing = true)
public class StreamsRunner implements SmartLifecycle {

    /** Below the web server's phases: started earlier, stopped later. */
    public static final int PHASE = Integer.MIN_VALUE + 1_000;
    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);

    private final StreamsSettings settings;
    private final String bootstrapServers;
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(30);
    private volatile KafkaStreams streams;
    private volatile KafkaProducer<byte[], byte[]> deadLetters;

    public StreamsRunner(StreamsSettings settings, @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
    }

    static Properties properties(StreamsSettings settings, String bootstrapServers) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), settings.sessionTimeoutMs());
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, StateStoreTuning.class);
        // few, large requests: every input record fans out to several output records (enriched, changelogs)
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), settings.compression());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50);
        return p;
    }

    @Override
    public void start() {
        Map<String, Object> producerSettings = new HashMap<>(ProducerSettings.durable(bootstrapServers));
        producerSettings.put(ProducerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-dead-letters");
        deadLetters = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaProducer<byte[], byte[]> producer = deadLetters;
        Properties properties = properties(settings, bootstrapServers);
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        properties.put(DeadLetterProcessingHandler.PUBLISHER_CONFIG, (DeadLetterProcessingHandler.Publisher)
                deadLetter -> producer.send(deadLetter).get(DEAD_LETTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        KafkaStreams kafkaStreams = new KafkaStreams(EnrichmentTopology.build(EnrichmentTopology.Options.defaults()
                .withDedupeRetention(settings.dedupeRetention())), properties);
        kafkaStreams.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        kafkaStreams.start();
        streams = kafkaStreams;
        log.info("Kafka Streams {} started", settings.applicationId());
    }

    @Override
    public void stop() {
        KafkaStreams kafkaStreams = streams;
        if (kafkaStreams != null) {
            kafkaStreams.close(Duration.ofSeconds(30));
            streams = null;
        }
        KafkaProducer<byte[], byte[]> producer = deadLetters;
        if (producer != null) {
            producer.close(DEAD_LETTER_TIMEOUT);
            deadLetters = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** RUNNING once every task is assigned and restored. */
    public KafkaStreams.State state() {
        KafkaStreams kafkaStreams = streams;
        return kafkaStreams == null ? KafkaStreams.State.NOT_RUNNING : kafkaStreams.state();
    }
}
