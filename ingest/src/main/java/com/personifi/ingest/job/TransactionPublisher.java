package com.personifi.ingest.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.personifi.schemas.Topics;
import com.personifi.schemas.ProducerSettings;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes one import as one Kafka transaction: downstream readers (read_committed) see all of a file's rows or,
 * if the import fails part-way, none of them. Its own producer, so no other template becomes transactional.
 */
@Component
public class TransactionPublisher implements DisposableBean {

    private final AvroSerde<RawTransaction> serde = AvroSerde.of(RawTransaction.class);
    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> template;

    public TransactionPublisher(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        Map<String, Object> settings = new HashMap<>(ProducerSettings.durable(bootstrapServers));
        // a file of a million rows is one transaction: give it the broker's longest default rather than one minute
        settings.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(15).toMillis());
        this.producers = new DefaultKafkaProducerFactory<>(settings, new StringSerializer(), new ByteArraySerializer());
        this.producers.setTransactionIdPrefix("personifi-ingest-" + UUID.randomUUID() + "-");
        this.template = new KafkaTemplate<>(producers);
    }

    /** Runs work inside one Kafka transaction, committed when work returns and aborted when it throws. */
    public void inTransaction(Consumer<Batch> work) {
        template.executeInTransaction(operations -> {
            work.accept(new Batch(operations));
            return null;
        });
    }

    public final class Batch {
        private final KafkaOperations<String, byte[]> operations;

        private Batch(KafkaOperations<String, byte[]> operations) {
            this.operations = operations;
        }

        public void raw(RawTransaction transaction) {
            operations.send(Topics.RAW_TRANSACTIONS, Topics.rawTransactionKey(transaction),
                    serde.serialize(Topics.RAW_TRANSACTIONS, transaction));
        }

        public void rejected(String accountId, byte[] json) {
            operations.send(Topics.REJECTED_TRANSACTIONS, accountId, json);
        }
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
