package com.personifi.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import com.personifi.schemas.RedisKeys;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.FxRateStatus;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.testing.TestStack;
import com.personifi.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
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
        // API instances learn from these messages which users' versions to read again
        Set<String> announced = ConcurrentHashMap.newKeySet();
        RTopic changes = redis.getTopic(RedisKeys.DATA_VERSION_CHANGES, StringCodec.INSTANCE);
        int listener = changes.addListener(String.class,
                (channel, users) -> announced.addAll(List.of(users.split(","))));

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
        await(() -> announced.contains(user.toString()));
        changes.removeListener(listener);
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

    @Test
    void storesTextExactlyWhateverCharactersItHolds() throws Exception {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        String description = "Pay Bill\tto 888880 \\ KPLC\r\nAcc. \"54405\" \\N Ksh 1,000 – Mama Mboga's ☕";
        EnrichedTransaction odd = enriched(user, account, "SHK2000001", "-1000.00", "electricity");
        odd.setDescription(description);
        odd.setCounterparty("\\N");
        odd.setTags(List.of("a,b", "quote\"d", "back\\slash", "{braces}", "NULL"));
        EnrichedTransaction plain = enriched(user, account, "SHK2000002", "-5.50", "airtime-data");

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, odd);
            send(producer, plain);
        }

        await(() -> jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = ?").param(account)
                .query(Long.class).single() == 2);
        Map<String, Object> row = jdbc.sql("SELECT description, counterparty, merchant_code, balance, "
                + "array_to_string(tags, '|') AS tags FROM transactions WHERE account_id = ? "
                + "AND source_ref = 'SHK2000001'").param(account).query().singleRow();
        assertThat(row.get("description")).isEqualTo(description);
        assertThat(row.get("counterparty")).isEqualTo("\\N");
        assertThat(row.get("merchant_code")).isNull();
        assertThat(row.get("balance")).isNull();
        assertThat(row.get("tags")).isEqualTo("a,b|quote\"d|back\\slash|{braces}|NULL");
        assertThat(jdbc.sql("SELECT amount FROM transactions WHERE account_id = ? AND source_ref = 'SHK2000002'")
                .param(account).query(BigDecimal.class).single()).isEqualByComparingTo("-5.50");
    }

    @Test
    void addsRuleTagsToTheOnesAlreadyThereAndKeepsFieldsALaterRecordLacks() throws Exception {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        EnrichedTransaction first = enriched(user, account, "SHK3000001", "-300.00", "groceries");
        first.setCounterparty("NAIVAS");
        first.setBalance(new BigDecimal("1200.0000"));
        first.setTags(List.of("food"));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, first);
        }
        await(() -> jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = ?").param(account)
                .query(Long.class).single() == 1);

        EnrichedTransaction later = enriched(user, account, "SHK3000001", "-300.00", "household");
        later.setTags(List.of("weekly", "food"));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, later);
        }
        await(() -> jdbc.sql("SELECT category FROM transactions WHERE account_id = ?").param(account)
                .query(String.class).single().equals("household"));
        Map<String, Object> row = jdbc.sql("SELECT counterparty, balance, array_to_string(tags, '|') AS tags "
                + "FROM transactions WHERE account_id = ?").param(account).query().singleRow();
        assertThat(row.get("counterparty")).isEqualTo("NAIVAS");
        assertThat((BigDecimal) row.get("balance")).isEqualByComparingTo("1200.00");
        assertThat(row.get("tags")).isEqualTo("food|weekly");
    }

    @Test
    void setsARowTheLedgerRefusesAsideWithTheReasonAndWritesTheRestOfItsBatch() throws Exception {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        // a currency code the CHAR(3) column cannot hold: refused by PostgreSQL, not by anything before it
        EnrichedTransaction refused = enriched(user, account, "SHK4000002", "-7.00", "airtime-data");
        refused.setCurrency("KESX");

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, enriched(user, account, "SHK4000001", "-5.00", "airtime-data"));
            send(producer, refused);
            send(producer, enriched(user, account, "SHK4000003", "-9.00", "airtime-data"));
        }

        await(() -> jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = ?").param(account)
                .query(Long.class).single() == 2);
        assertThat(jdbc.sql("SELECT source_ref FROM transactions WHERE account_id = ? ORDER BY source_ref")
                .param(account).query(String.class).list()).containsExactly("SHK4000001", "SHK4000003");
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(Topics.STREAMS_DEAD_LETTER,
                r -> account.toString().equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(serde.deserialize(Topics.STREAMS_DEAD_LETTER, dead.get(0).value()).getSourceRef())
                .isEqualTo("SHK4000002");
        assertThat(new String(dead.get(0).headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).startsWith("ledger refused the row:").contains("character(3)");
    }

    @Test
    void neverOverwritesACategoryAPersonChose() throws Exception {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, enriched(user, account, "SHK5000001", "-80.00", "uncategorized"));
        }
        await(() -> jdbc.sql("SELECT count(*) FROM transactions WHERE account_id = ?").param(account)
                .query(Long.class).single() == 1);
        jdbc.sql("UPDATE transactions SET category = 'eating-out', category_source = 'MANUAL', "
                + "category_confidence = 100 WHERE account_id = ?").param(account).update();

        EnrichedTransaction later = enriched(user, account, "SHK5000001", "-80.00", "food");
        later.setCounterparty("MAMA OLIECH");
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, later);
        }
        await(() -> "MAMA OLIECH".equals(jdbc.sql("SELECT counterparty FROM transactions WHERE account_id = ?")
                .param(account).query(String.class).list().get(0)));
        Map<String, Object> row = jdbc.sql("SELECT category, category_source, category_confidence FROM transactions "
                + "WHERE account_id = ?").param(account).query().singleRow();
        assertThat(row).containsEntry("category", "eating-out").containsEntry("category_source", "MANUAL");
        assertThat(((Number) row.get("category_confidence")).intValue()).isEqualTo(100);
    }
}
