package com.personifi.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.schemas.FxRateKey;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.FxRate;
import com.personifi.schemas.events.FxRateStatus;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.streams.StreamsSettings;
import com.personifi.streams.TestData;
import com.personifi.testing.TestStack;
import com.personifi.testing.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology on the real embedded broker, exactly once, end to end through real topics. */
class StreamsRunnerIntegrationTest {

    @TempDir
    Path stateDir;

    @Test
    void enrichesRawTransactionsFromTheBrokerWithRatesAndSettingsOnceEachWhateverTheirKey() throws Exception {
        String bootstrap = TestStack.get().kafkaBootstrapServers();
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        LocalDate day = LocalDate.of(2016, 10, 11);
        StreamsRunner runner = new StreamsRunner(new StreamsSettings(true, "it-" + UUID.randomUUID(),
                stateDir.toString(), 1, 0, 100, 10_000, java.time.Duration.ofDays(1), "none"), bootstrap);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.USERS, user.toString(), TestData.userSettings(user, "USD"))).get();
            FxRate rate = TestData.rate("USD", "KES", day, "101.2847");
            producer.send(new ProducerRecord<>(Topics.FX_RATES, FxRateKey.of("USD", "KES", day),
                    AvroSerde.of(FxRate.class).serialize(Topics.FX_RATES, rate))).get();

            runner.start();
            awaitRunning(runner);

            AvroSerde<RawTransaction> raw = AvroSerde.of(RawTransaction.class);
            for (int i = 0; i < 20; i++) {
                RawTransaction t = TestData.raw(user, account, "SGB00000" + String.format("%02d", i), "-1012.85",
                        "KES", day, "Merchant Payment to 5995543 - NAIVAS SUPERMARKET").build();
                // half keyed by user, as producers do; half by account, as they did before: the stream re-keys those
                String key = i % 2 == 0 ? user.toString() : account.toString();
                producer.send(new ProducerRecord<>(Topics.RAW_TRANSACTIONS, key, raw.serialize(Topics.RAW_TRANSACTIONS, t)));
            }
            producer.flush();

            List<EnrichedTransaction> enriched = enrichedOf(account, 20);
            assertThat(enriched).extracting(EnrichedTransaction::getSourceRef).doesNotHaveDuplicates();
            assertThat(TopicReader.read(Topics.RAW_TRANSACTIONS, r -> user.toString().equals(r.key()), 20,
                    Duration.ofSeconds(30))).as("raw records keyed by the user, the re-keyed ten included").hasSize(20);
            assertThat(enriched).hasSize(20).allSatisfy(t -> {
                assertThat(t.getCategory()).isEqualTo("food");
                assertThat(t.getBaseCurrency()).isEqualTo("USD");
                assertThat(t.getFxRateStatus()).isEqualTo(FxRateStatus.OFFICIAL);
                assertThat(t.getAmountInBase()).isEqualByComparingTo("-10.00");
            });
        } finally {
            runner.stop();
        }
        assertThat(runner.isRunning()).isFalse();
    }

    private static void awaitRunning(StreamsRunner runner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (runner.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(runner.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private static List<EnrichedTransaction> enrichedOf(UUID account, int expected) {
        AvroSerde<EnrichedTransaction> serde = AvroSerde.of(EnrichedTransaction.class);
        return TopicReader.read(Topics.ENRICHED_TRANSACTIONS, r -> account.toString().equals(r.key()), expected,
                Duration.ofSeconds(60)).stream().map(r -> serde.deserialize(r.topic(), r.value())).toList();
    }
}
