package com.personifi.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import com.personifi.schemas.Topics;
import com.personifi.streams.TopologyFixture;
import com.personifi.streams.enrich.EnrichmentTopology;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failure past the processors' own error handling (here: a corrupt record on the corrections topic) is
 * dead-lettered as it was read, with the reason and its source, and the stream goes on with the next record.
 */
class DeadLetterProcessingHandlerTopologyTest {

    private final List<ProducerRecord<byte[], byte[]>> published = new CopyOnWriteArrayList<>();
    private TopologyFixture topology;

    @BeforeEach
    void start() {
        Properties handler = new Properties();
        handler.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        handler.put(DeadLetterProcessingHandler.PUBLISHER_CONFIG,
                (DeadLetterProcessingHandler.Publisher) published::add);
        topology = new TopologyFixture(EnrichmentTopology.Options.defaults(), handler);
        topology.givenBaseCurrency("KES");
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void shouldDeadLetterAnUnreadableCorrectionAndGoOn() {
        TestInputTopic<String, byte[]> corrections = topology.driver.createInputTopic(Topics.LEDGER_CORRECTIONS,
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        byte[] corrupt = "not a correction".getBytes(StandardCharsets.UTF_8);

        corrections.pipeInput(topology.user.toString(), corrupt);
        var next = topology.enrich(topology.transaction("SG10000002", "-80.00", LocalDate.of(2024, 6, 3),
                "Merchant Payment to 5995543 - NAIVAS SUPERMARKET").build());

        assertThat(published).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.topic()).isEqualTo(Topics.STREAMS_DEAD_LETTER);
            assertThat(deadLetter.value()).isEqualTo(corrupt);
            assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo(topology.user.toString());
            assertThat(new String(deadLetter.headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(),
                    StandardCharsets.UTF_8)).isNotBlank();
            assertThat(new String(deadLetter.headers().lastHeader(DeadLetterProcessingHandler.SOURCE_HEADER).value(),
                    StandardCharsets.UTF_8)).startsWith(Topics.LEDGER_CORRECTIONS + "-0@");
        });
        assertThat(next.getCategory()).isEqualTo("food");
    }
}
