package com.personifi.connectors.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.personifi.connectors.ConnectorsApplication;
import com.personifi.connectors.sink.LedgerCopyBench;
import com.personifi.schemas.TopicProvisioner;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.FxRateStatus;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.stack.LocalStack;
import com.personifi.stack.StackSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark of the ledger sink on the embedded stack, in one run:
 * <ol>
 * <li>baseline: the same rows written by one plain {@code COPY} into a table shaped exactly like
 * {@code transactions} (same indexes, including the full-text GIN) — the fastest way into PostgreSQL here;</li>
 * <li>the sink as the platform runs it: consuming {@code ledger.transactions.enriched} (read_committed) and writing
 * batches into {@code transactions}, timed by its committed consumer offsets, then checked row count and sum.</li>
 * </ol>
 * Usage: {@code ./bench sink [rows]} (default 500,000 rows of 1,000 users).
 */
public final class SinkBench {

    private static final String[] DESCRIPTIONS = {"Merchant Payment to 5995543 - NAIVAS SUPERMARKET",
            "Pay Bill Online to 888880 - KPLC PREPAID Acc. 54405080323", "Airtime Purchase",
            "Customer Transfer to - 2547*****501 JOHN KAMAU", "Funds received from - 2547*****123 MARY WANJIKU",
            "Customer Withdrawal At Agent Till 123456 - JANE SHOP", "Merchant Payment to 7134521 - WANJIRU ENTERPRISES",
            "Customer Transfer of Funds Charge", "Pay Bill Online to 290059 - SPORTPESA Acc. 0712"};
    private static final String[] CATEGORIES = {"groceries", "electricity", "airtime-data", "transfers-out",
            "transfers-in", "cash-withdrawal", "shopping", "mobile-money-fees", "betting"};

    public static void main(String[] args) throws Exception {
        com.personifi.testing.TestStack.inTemporaryDirectory("personifi-sink-bench", dir -> run(dir, args));
    }

    private static void run(Path dir, String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        try (LocalStack stack = LocalStack.start(StackSettings.randomPorts(dir))) {
            String bootstrap = stack.kafkaBootstrapServers().orElseThrow();
            String jdbcUrl = stack.jdbcUrl().orElseThrow();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                TopicProvisioner.ensureTopics(admin, 2, (short) 1, Duration.ofSeconds(30));
            }
            Flyway.configure().dataSource(jdbcUrl, stack.jdbcUser(), "").load().migrate();
            List<EnrichedTransaction> rows = generate(count);
            BigDecimal expectedSum = rows.stream().map(EnrichedTransaction::getAmount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);

            double copyRate = copyBaseline(jdbcUrl, stack.jdbcUser(), rows);
            System.out.printf("baseline: COPY of %,d rows into a table shaped like transactions: %,.0f rows/s%n",
                    count, copyRate);

            produce(bootstrap, rows);
            rows = null;
            double sinkRate = timeSink(bootstrap, jdbcUrl, stack, count);
            System.out.printf("sink: %,d rows from ledger.transactions.enriched into transactions: %,.0f rows/s%n",
                    count, sinkRate);
            check(jdbcUrl, stack.jdbcUser(), count, expectedSum);
            System.out.printf("%nsink %,.0f rows/s vs COPY %,.0f rows/s: %.1f%%%n", sinkRate, copyRate,
                    100 * sinkRate / copyRate);
        }
    }

    private static List<EnrichedTransaction> generate(int count) {
        Random random = new Random(42);
        int users = 1_000;
        UUID[] userIds = new UUID[users];
        UUID[] accounts = new UUID[users];
        for (int i = 0; i < users; i++) {
            userIds[i] = new UUID(random.nextLong(), random.nextLong());
            accounts[i] = new UUID(random.nextLong(), random.nextLong());
        }
        Instant start = Instant.parse("2024-01-01T06:00:00Z");
        List<EnrichedTransaction> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int user = random.nextInt(users);
            int kind = random.nextInt(DESCRIPTIONS.length);
            String sourceRef = "S" + Integer.toString(i, 36).toUpperCase() + "BNCH";
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(5_000_000) - 2_500_000, 2).setScale(4);
            Instant occurredAt = start.plusSeconds(i * 30L);
            rows.add(EnrichedTransaction.newBuilder()
                    .setId(TransactionIds.transactionId(accounts[user], sourceRef).toString())
                    .setUserId(userIds[user].toString()).setAccountId(accounts[user].toString())
                    .setSourceRef(sourceRef).setSource(TransactionSource.MPESA_STATEMENT).setOccurredAt(occurredAt)
                    .setLocalDate(LocalDate.ofInstant(occurredAt, java.time.ZoneId.of("Africa/Nairobi")))
                    .setAmount(amount).setCurrency("KES").setDescription(DESCRIPTIONS[kind])
                    .setCounterparty(kind % 2 == 0 ? "NAIVAS SUPERMARKET" : null)
                    .setMerchantCode(kind % 3 == 0 ? "5995543" : null)
                    .setBalance(BigDecimal.valueOf(random.nextInt(100_000_000), 2).setScale(4))
                    .setCategory(CATEGORIES[kind]).setCategorySource(CategorySource.BUILT_IN)
                    .setCategoryConfidence(90).setTags(kind == 8 ? List.of("betting") : List.of())
                    .setBaseCurrency("KES").setAmountInBase(amount).setFxRate(BigDecimal.ONE.setScale(10))
                    .setFxRateDate(LocalDate.of(2024, 1, 1)).setFxRateStatus(FxRateStatus.OFFICIAL)
                    .setEnrichedAt(Instant.now()).build());
        }
        return rows;
    }

    /** One COPY of every row in one transaction: what PostgreSQL takes at best, encoding included. */
    private static double copyBaseline(String jdbcUrl, String user, List<EnrichedTransaction> rows) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE bench_copy (LIKE transactions INCLUDING ALL)");
            }
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            LedgerCopyBench.copy(connection, "bench_copy", rows);
            connection.commit();
            double seconds = (System.nanoTime() - started) / 1e9;
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE bench_copy");
                statement.execute("CHECKPOINT");
            }
            return rows.size() / seconds;
        }
    }

    private static void produce(String bootstrap, List<EnrichedTransaction> rows) {
        AvroSerde<EnrichedTransaction> serde = AvroSerde.of(EnrichedTransaction.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (EnrichedTransaction row : rows) {
                producer.send(new ProducerRecord<>(Topics.ENRICHED_TRANSACTIONS, row.getAccountId(),
                        serde.serialize(Topics.ENRICHED_TRANSACTIONS, row)));
            }
            producer.flush();
        }
    }

    /**
     * Starts the sink over the backlog and follows its committed offsets: the rate is taken from its first commit to
     * its last, so the context's start-up is not counted.
     */
    private static double timeSink(String bootstrap, String jdbcUrl, LocalStack stack, int count) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             ConfigurableApplicationContext context = new SpringApplicationBuilder(ConnectorsApplication.class)
                     .web(WebApplicationType.NONE)
                     .properties(Map.of("spring.kafka.bootstrap-servers", bootstrap,
                             "spring.datasource.url", jdbcUrl,
                             "spring.datasource.username", stack.jdbcUser(),
                             "spring.datasource.password", "",
                             "spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true",
                             "spring.data.redis.url", stack.redisUrl().orElseThrow(),
                             "spring.main.banner-mode", "off",
                             // only the sink is measured
                             "personifi.notifications.enabled", "false",
                             "logging.level.org.apache.kafka", "WARN"))
                     .run()) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.ENRICHED_TRANSACTIONS))
                    .allTopicNames().get().get(Topics.ENRICHED_TRANSACTIONS).partitions().stream()
                    .map(p -> new TopicPartition(Topics.ENRICHED_TRANSACTIONS, p.partition())).toList();
            ListOffsetsResult ends = admin.listOffsets(partitions.stream()
                    .collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.latest())));
            long end = 0;
            for (TopicPartition partition : partitions) {
                end += ends.partitionResult(partition).get().offset();
            }
            long firstCommitted = -1;
            long firstAt = 0;
            long committed = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (committed < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The sink did not finish within 30 minutes");
                }
                Thread.sleep(50);
                Map<TopicPartition, OffsetAndMetadata> offsets = admin
                        .listConsumerGroupOffsets("personifi-ledger-sink").partitionsToOffsetAndMetadata().get();
                committed = offsets.values().stream().mapToLong(o -> o == null ? 0 : o.offset()).sum();
                if (firstCommitted < 0 && committed > 0) {
                    firstCommitted = committed;
                    firstAt = System.nanoTime();
                }
            }
            double seconds = (System.nanoTime() - firstAt) / 1e9;
            System.out.printf("sink: %,d rows after its first commit took %.1f s%n", end - firstCommitted, seconds);
            return (end - firstCommitted) / seconds;
        }
    }

    /** The benchmark is only worth its number if every row landed once with its exact amount. */
    private static void check(String jdbcUrl, String user, int count, BigDecimal expectedSum) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*), sum(amount) FROM transactions")) {
            result.next();
            long rows = result.getLong(1);
            BigDecimal sum = result.getBigDecimal(2).setScale(4, RoundingMode.UNNECESSARY);
            if (rows != count || sum.compareTo(expectedSum) != 0) {
                throw new IllegalStateException("Ledger holds " + rows + " rows summing to " + sum + ", expected "
                        + count + " summing to " + expectedSum);
            }
            System.out.printf("check: %,d rows, sum %s KES as produced%n", rows, sum.toPlainString());
        }
    }
}
