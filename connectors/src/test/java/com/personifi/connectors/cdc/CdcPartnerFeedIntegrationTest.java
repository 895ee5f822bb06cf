package com.personifi.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.schemas.ProducerSettings;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.testing.TestStack;
import com.personifi.testing.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A partner bank's core-banking database (Fineract layout, a database of its own on the same PostgreSQL) captured
 * into RawTransactions of the PersoniFi accounts linked to its savings accounts.
 */
class CdcPartnerFeedIntegrationTest {

    private static final String CORE_BANKING = "cdc_core_banking";
    private static final String PLATFORM = "cdc_partner_platform";

    private static JdbcClient coreBanking;
    private static JdbcClient platform;
    private static ChangeCapture capture;
    private static KafkaProducer<String, byte[]> producer;

    private final AvroSerde<RawTransaction> serde = AvroSerde.of(RawTransaction.class);

    @BeforeAll
    static void start() throws Exception {
        TestStack.Endpoints stack = TestStack.get();
        PGSimpleDataSource coreBankingDb = database(stack, CORE_BANKING);
        try (InputStream schema = CdcPartnerFeedIntegrationTest.class.getResourceAsStream("/cdc/core-banking-schema.sql")) {
            new JdbcTemplate(coreBankingDb).execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        }
        PGSimpleDataSource platformDb = database(stack, PLATFORM);
        Flyway.configure().dataSource(platformDb).load().migrate();
        coreBanking = JdbcClient.create(coreBankingDb);
        platform = JdbcClient.create(platformDb);

        CdcProperties cdc = new CdcProperties(true, "cdc_partner", false, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(1), (short) 1,
                new CdcProperties.Partner(true, coreBankingDb.getUrl(), stack.jdbcUser(), "", "tujenge-bank"));
        producer = new KafkaProducer<>(ProducerSettings.durable(stack.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        capture = PartnerCapture.create(cdc, PostgresAddress.fromJdbcUrl(coreBankingDb.getUrl(), stack.jdbcUser(), ""),
                stack.kafkaBootstrapServers(), new JdbcTemplate(coreBankingDb), new JdbcTemplate(platformDb),
                producer, null);
        capture.start();
        // streaming from the slot, so the rows below arrive as changes rather than in the first snapshot
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (coreBanking.sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? AND active")
                .param(cdc.partnerSlotName()).query(Integer.class).single() == 0) {
            assertThat(System.nanoTime()).as("partner capture streaming within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() {
        capture.stop();
        producer.close();
    }

    private static PGSimpleDataSource database(TestStack.Endpoints stack, String name) {
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setUrl(stack.jdbcUrl());
        server.setUser(stack.jdbcUser());
        JdbcClient.create(server).sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
        JdbcClient.create(server).sql("CREATE DATABASE " + name).update();
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(stack.jdbcUrl().substring(0, stack.jdbcUrl().lastIndexOf('/') + 1) + name);
        database.setUser(stack.jdbcUser());
        return database;
    }

    private long savingsAccount(String accountNo, String currency) {
        return coreBanking.sql("INSERT INTO m_savings_account (account_no, client_id, currency_code) "
                + "VALUES (?, 1, ?) RETURNING id").params(accountNo, currency).query(Long.class).single();
    }

    private long coreTransaction(long account, int type, String date, String amount, String balance) {
        return coreBanking.sql("INSERT INTO m_savings_account_transaction (savings_account_id, transaction_type_enum, "
                        + "transaction_date, amount, running_balance_derived) VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(account, type, LocalDate.parse(date), new BigDecimal(amount), new BigDecimal(balance))
                .query(Long.class).single();
    }

    @Test
    void savingsTransactionsOfALinkedAccountBecomeSignedRawTransactionsInTheAccountsCurrency() {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        platform.sql("INSERT INTO users (id, email, password_hash, base_currency, time_zone) "
                + "VALUES (?, ?, 'x', 'TZS', 'Africa/Dar_es_Salaam')").params(user, user + "@example.com").update();
        platform.sql("INSERT INTO accounts (id, user_id, name, type, currency) VALUES (?, ?, 'Akiba', 'SAVINGS', 'TZS')")
                .params(account, user).update();
        long linked = savingsAccount("000123456789", "TZS");
        long notLinked = savingsAccount("000987654321", "TZS");
        platform.sql("INSERT INTO partner_account_links (partner, partner_account_id, account_id) "
                + "VALUES ('tujenge-bank', ?, ?)").params(Long.toString(linked), account).update();

        long deposit = coreTransaction(linked, 1, "2024-06-03", "250000.000000", "250000.000000");
        long withdrawal = coreTransaction(linked, 2, "2024-06-04", "40000.500000", "209999.500000");
        coreTransaction(linked, 20, "2024-06-04", "1000.000000", "209999.500000"); // a hold moves no money
        coreTransaction(notLinked, 1, "2024-06-04", "999.000000", "999.000000");
        coreBanking.sql("UPDATE m_savings_account_transaction SET is_reversed = true WHERE id = ?")
                .param(withdrawal).update();

        List<RawTransaction> transactions = TopicReader.read(Topics.RAW_TRANSACTIONS,
                        r -> user.toString().equals(r.key()), 4, Duration.ofSeconds(30)).stream()
                .map(r -> serde.deserialize(Topics.RAW_TRANSACTIONS, r.value())).toList();

        // the withdrawal comes twice (inserted, then reversed) unless the snapshot saw it reversed already: the same
        // transaction both times
        Map<String, RawTransaction> bySourceRef = new LinkedHashMap<>();
        transactions.forEach(t -> bySourceRef.merge(t.getSourceRef(), t, (a, b) -> {
            assertThat(b.getId()).isEqualTo(a.getId());
            return b;
        }));
        assertThat(bySourceRef).containsOnlyKeys("fineract:" + deposit, "fineract:" + withdrawal,
                "fineract:" + withdrawal + ":reversal");
        RawTransaction in = bySourceRef.get("fineract:" + deposit);
        assertThat(in.getId()).isEqualTo(TransactionIds.transactionId(account, "fineract:" + deposit).toString());
        assertThat(in.getUserId()).isEqualTo(user.toString());
        assertThat(in.getSource()).isEqualTo(TransactionSource.BANK_FEED);
        assertThat(in.getAmount()).isEqualTo(new BigDecimal("250000.0000"));
        assertThat(in.getCurrency()).isEqualTo("TZS");
        assertThat(in.getBalance()).isEqualTo(new BigDecimal("250000.0000"));
        assertThat(in.getLocalDate()).isEqualTo(LocalDate.of(2024, 6, 3));
        assertThat(in.getOccurredAt()).isEqualTo(Instant.parse("2024-06-03T09:00:00Z"));
        RawTransaction out = bySourceRef.get("fineract:" + withdrawal);
        assertThat(out.getAmount()).isEqualTo(new BigDecimal("-40000.5000"));
        assertThat(out.getDescription()).isEqualTo("Withdrawal");
        RawTransaction reversal = bySourceRef.get("fineract:" + withdrawal + ":reversal");
        assertThat(reversal.getAmount()).isEqualTo(new BigDecimal("40000.5000"));
        assertThat(reversal.getId()).isNotEqualTo(out.getId());
        assertThat(bySourceRef.values().stream().map(RawTransaction::getAmount)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("250000");
    }
}
