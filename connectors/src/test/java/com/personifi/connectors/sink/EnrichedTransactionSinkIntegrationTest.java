package com.personifi.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import com.personifi.schemas.RedisKeys;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.FxRateStatus;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.testing.TestStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class EnrichedTransactionSinkIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RedissonClient redis;

    private final AvroSerde<EnrichedTransaction> serde = AvroSerde.of(EnrichedTransaction.class);

    static EnrichedTransaction enriched(UUID user, UUID account, String sourceRef, String amount, String category) {
        return EnrichedTransaction.newBuilder()
                .setId(TransactionIds.transactionId(account, sourceRef).toString())
                .setUserId(user.toString()).setAccountId(account.toString()).setSourceRef(sourceRef)
                .setSource(TransactionSource.MPESA_STATEMENT).setOccurredAt(Instant.parse("2024-05-02T09:00:00Z"))
                .setLocalDate(LocalDate.of(2024, 5, 2)).setAmount(new BigDecimal(amount).setScale(4))
                .setCurrency("KES").setDescription("Airtime Purchase").setCategory(category)
                .setCategorySource(CategorySource.BUILT_IN).setCategoryConfidence(95).setBaseCurrency("KES")
                .setAmountInBase(new BigDecimal(amount).setScale(4)).setFxRate(BigDecimal.ONE.setScale(10))
                .setFxRateDate(LocalDate.of(2024, 5, 2)).setFxRateStatus(FxRateStatus.OFFICIAL)
                .setEnrichedAt(Instant.now()).build();
    }

    @Test
    void upsertsByIdSoAReplayAddsNothingAndALaterVersionWins() throws Exception {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        long versionBefore = redis.getAtomicLong(RedisKeys.dataVersion(user)).get();

        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 50; i++) {
                send(producer, enriched(user, account, "SHK00000" + String.format("%02d", i), "-10.00", "airtime-data"));
            }
            producer.send(new ProducerRecord<>(Topics.ENRICHED_TRANSACTIONS, account.toString(), new byte[] {1, 2, 3}));
            for (int i = 0; i < 50; i++) {
                send(producer, enriched(user, account, "SHK00000" + String.format("%02d", i), "-10.00", "airtime-data"));
            }
            send(producer, enriched(user, account, "SHK0000000", "-10.00", "entertainment"));
        }

        await(() -> jdbc.sql("SELECT category FROM transactions WHERE account_id = ? AND source_ref = 'SHK0000000'")
                .param(account).query(String.class).optional().orElse("").equals("entertainment"));
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = ?").param(account)
                .query(Long.class).single()).isEqualTo(50);
        assertThat(jdbc.sql("SELECT sum(amount) FROM transactions WHERE account_id = ?").param(account)
                .query(BigDecimal.class).single()).isEqualByComparingTo("-500.00");
        assertThat(redis.getAtomicLong(RedisKeys.dataVersion(user)).get()).isGreaterThan(versionBefore);
    }

    private void send(KafkaProducer<String, byte[]> producer, EnrichedTransaction t) {
        producer.send(new ProducerRecord<>(Topics.ENRICHED_TRANSACTIONS, t.getAccountId(),
                serde.serialize(Topics.ENRICHED_TRANSACTIONS, t)));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestStack.get().kafkaBootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }

    static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }


    @Test
    void keepsTheLatestVersionWhenATransactionAndItsUpdateArriveInOneBatch() throws Exception {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, enriched(user, account, "SHK1000001", "-10.00", "uncategorized"));
            EnrichedTransaction update = enriched(user, account, "SHK1000001", "-10.00", "airtime-data");
            update.setCounterparty("Safaricom");
            send(producer, update);
            send(producer, enriched(user, account, "SHK1000002", "-20.00", "airtime-data"));
        }

        await(() -> jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = ?").param(account)
                .query(Long.class).single() == 2);
        Map<String, Object> row = jdbc.sql("SELECT category, counterparty FROM transactions WHERE account_id = ? "
                + "AND source_ref = 'SHK1000001'").param(account).query().singleRow();
        assertThat(row).containsEntry("category", "airtime-data").containsEntry("counterparty", "Safaricom");
    }
}
