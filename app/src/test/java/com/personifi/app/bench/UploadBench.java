package com.personifi.app.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.ingest.demo.SyntheticMpesaStatement;
import com.personifi.schemas.ProducerSettings;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A very large M-Pesa statement through the whole platform, as a user would send it. The platform is the app jar in
 * its own JVM with a 512 MB heap, on the embedded stack:
 * <ol>
 * <li>baseline: the same rows, as the RawTransactions the import makes of them, produced straight to the same broker
 * by a plain producer with the import's settings: the most any ingest path can publish here;</li>
 * <li>the CSV uploaded over HTTP (multipart, streamed from disk) until the import job completes (parsed, checked
 * against the ledger, published in one Kafka transaction), and until every row is queryable in PostgreSQL (after
 * the stream and the sink).</li>
 * </ol>
 * Usage: {@code ./bench upload [rows]} (default 1,000,000).
 */
public final class UploadBench {

    private static final JsonMapper JSON = Platform.JSON;
    private static final HttpClient HTTP = Platform.HTTP;

    public static void main(String[] args) throws Exception {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path jar = Path.of(args.length > 1 ? args[1] : "app/target/personifi.jar");
        Path csv = Files.createTempFile("personifi-upload-bench-", ".csv");
        SyntheticMpesaStatement statement = generate(target);
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            statement.writeCsv(out);
        }
        int lines = statement.rowsOldestFirst().size();
        System.out.printf("Statement: %,d rows, %,.1f MB%n", lines, Files.size(csv) / 1e6);

        try (Platform platform = Platform.start(jar, "upload", Map.of())) {
            Platform.Ports ports = platform.ports;
            String base = platform.base;
            String token = platform.signUp("KES").token();

            callbackLatency(base, token, 30);
            double baseline = baseline(ports.kafka(), statement);

            long enrichedBefore;
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + ports.kafka()))) {
                enrichedBefore = enriched(admin);
            }
            Instant t0 = Instant.now();
            JsonNode accepted = upload(base, token, csv);
            Instant acceptedAt = Instant.now();
            String jobId = accepted.get("jobId").asString();
            JsonNode job = awaitJob(base, token, jobId);
            Instant ingestedAt = Instant.now();
            if (!job.get("status").asString().equals("COMPLETED")) {
                throw new IllegalStateException("Import did not complete: " + job);
            }
            int published = job.get("published").asInt();
            Instant queryableAt = awaitQueryable(ports.postgres(), ports.kafka(), t0, UUID.fromString(jobId),
                    published, enrichedBefore, Duration.ofMinutes(15));

            double upload = seconds(t0, acceptedAt);
            double ingest = seconds(t0, ingestedAt);
            double queryable = seconds(t0, queryableAt);
            System.out.printf("%nRows published by the import: %,d (rejected %d)%n", published,
                    job.get("rejected").asInt());
            System.out.printf("Baseline, raw produce of the same rows:  %,10.0f rows/s%n", baseline);
            System.out.printf("Upload accepted (202) after              %10.1f s%n", upload);
            System.out.printf("Import job completed after               %10.1f s  %,10.0f rows/s  %5.1f%% of baseline%n",
                    ingest, published / ingest, 100 * published / ingest / baseline);
            System.out.printf("All rows queryable in PostgreSQL after   %10.1f s  %,10.0f rows/s  %5.1f%% of baseline%n",
                    queryable, published / queryable, 100 * published / queryable / baseline);
            System.out.printf("Goal: under 60 s with the platform's heap at 512 MB: %s%n",
                    queryable < 60 ? "met" : "not met");
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** About {@code target} rows: ten years of an account with that many movements. */
    private static SyntheticMpesaStatement generate(int target) {
        int months = 120;
        SyntheticMpesaStatement probe = SyntheticMpesaStatement.generate(1, YearMonth.of(2015, 1), 12, 100);
        double rowsPerMovement = probe.rowsOldestFirst().size() / 1200.0;
        int perMonth = Math.max(1, (int) Math.round(target / rowsPerMovement / months));
        return SyntheticMpesaStatement.generate(2015, YearMonth.of(2015, 1), months, perMonth);
    }

    /**
     * Daraja callbacks one at a time, each timed from the POST until the dashboard counts it: the "visible
     * in the dashboard within 1 s". Runs before the large upload, on the idle platform.
     */
    private static void callbackLatency(String base, String token, int callbacks) throws Exception {
        JsonNode accounts = JSON.readTree(get(base + "/api/v1/accounts", token));
        String wallet = accounts.get(0).get("id").asString();
        JsonNode feed = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/feeds/mpesa"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"accountId\":\"" + wallet + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        URI callbackUrl = URI.create(feed.get("callbackUrl").asString());
        String url = base + callbackUrl.getPath() + "?" + callbackUrl.getQuery();
        List<Long> millis = new ArrayList<>();
        for (int i = 1; i <= callbacks; i++) {
            String body = String.format("{\"TransactionType\":\"Pay Bill\",\"TransID\":\"SBN%07d\","
                    + "\"TransTime\":\"20200115103000\",\"TransAmount\":\"100.00\",\"BusinessShortCode\":\"600134\","
                    + "\"BillRefNumber\":\"bench\",\"InvoiceNumber\":\"\",\"OrgAccountBalance\":\"1000.00\","
                    + "\"ThirdPartyTransID\":\"\",\"MSISDN\":\"254700000000\",\"FirstName\":\"BENCH\","
                    + "\"MiddleName\":\"\",\"LastName\":\"\"}", i);
            long started = System.nanoTime();
            HttpResponse<String> ack = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (ack.statusCode() != 200) {
                throw new IllegalStateException("Callback refused: " + ack.statusCode() + " " + ack.body());
            }
            long deadline = started + Duration.ofSeconds(30).toNanos();
            while (JSON.readTree(get(base + "/api/v1/dashboard?month=2020-01", token)).get("transactionCount")
                    .asInt() < i) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Callback " + i + " not on the dashboard after 30 s");
                }
                // every 25 ms: the dashboard allows a person 600 requests a minute, and 30 callbacks polled more
                // often than that would be refused before the minute is out
                Thread.sleep(25);
            }
            millis.add((System.nanoTime() - started) / 1_000_000);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("Callback → dashboard, %d callbacks one at a time: p50 %d ms, p90 %d ms, max %d ms%n",
                callbacks, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)),
                sorted.get(sorted.size() - 1));
    }

    private static String get(String url, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    /** The rows as the import publishes them, produced to a topic of their own with the import's settings. */
    private static double baseline(int kafkaPort, SyntheticMpesaStatement statement) throws Exception {
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String topic = "bench.upload-baseline";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        AvroSerde<RawTransaction> serde = AvroSerde.of(RawTransaction.class);
        ZoneId nairobi = ZoneId.of("Africa/Nairobi");
        List<SyntheticMpesaStatement.Row> rows = statement.rowsOldestFirst();
        Map<String, Integer> seen = new HashMap<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.durable(bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (SyntheticMpesaStatement.Row row : rows) {
                // a receipt's second row (its charge) gets its own reference, as the import gives it
                String sourceRef = seen.merge(row.receipt(), 1, Integer::sum) == 1 ? row.receipt()
                        : TransactionIds.feeSourceRef(row.receipt());
                RawTransaction raw = RawTransaction.newBuilder()
                        .setId(TransactionIds.transactionId(account, sourceRef).toString())
                        .setUserId(user.toString()).setAccountId(account.toString()).setSourceRef(sourceRef)
                        .setSource(TransactionSource.MPESA_STATEMENT)
                        .setOccurredAt(row.completedAt().atZone(nairobi).toInstant())
                        .setLocalDate(row.completedAt().toLocalDate())
                        .setAmount(Money.atStorageScale(row.amount())).setCurrency("KES")
                        .setDescription(row.details())
                        .setBalance(row.balance() == null ? null : Money.atStorageScale(row.balance()))
                        .setSourcePosition("bench").setReceivedAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(topic, account.toString(), serde.serialize(topic, raw)));
            }
            producer.flush();
        }
        return rows.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static JsonNode upload(String base, String token, Path csv) throws Exception {
        String boundary = "bench-" + UUID.randomUUID();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; "
                                + "name=\"file\"; filename=\"statement.csv\"\r\nContent-Type: text/csv\r\n\r\n"),
                        HttpRequest.BodyPublishers.ofFile(csv),
                        HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("Upload refused: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode awaitJob(String base, String token, String jobId) throws Exception {
        while (true) {
            JsonNode job = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/imports/" + jobId))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            String status = job.get("status").asString();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until every row of the import is queryable, printing every few seconds how far the stream (enriched
     * records) and the sink (enriched records it has written and committed) are. Counting the rows is a scan of the
     * ledger, which would take CPU from the platform if done all the time: it is done only once the stream has
     * written at least as many records as the import published and the sink has committed all of them, and then at
     * most once a second.
     */
    private static Instant awaitQueryable(int pgPort, int kafkaPort, Instant t0, UUID jobId, int rows,
                                          long enrichedBefore, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = 0;
        long nextCount = 0;
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/personifi",
                "postgres", "");
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM transactions WHERE import_job_id = ?");
             Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + kafkaPort))) {
            count.setObject(1, jobId);
            long last = -1;
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, Long> ends = endOffsets(admin);
                Map<TopicPartition, Long> written = writtenBySink(admin);
                long enriched = ends.values().stream().mapToLong(Long::longValue).sum();
                if (enriched - enrichedBefore >= rows && System.nanoTime() >= nextCount
                        && sinkCaughtUp(ends, written)) {
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        last = rs.getLong(1);
                    }
                    if (last >= rows) {
                        return Instant.now();
                    }
                    nextCount = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
                if (System.nanoTime() >= nextReport) {
                    System.out.printf("  %6.1f s: %,10d enriched records, %,10d written by the sink%n",
                            seconds(t0, Instant.now()), enriched - enrichedBefore, Math.max(0,
                                    written.values().stream().mapToLong(Long::longValue).sum() - enrichedBefore));
                    nextReport = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("Only " + last + " of " + rows + " rows queryable after " + timeout);
        }
    }

    /**
     * Whether the sink has committed every partition to its end. A partition's last offset may be the marker that
     * committed the stream's transaction, which no consumer commits past, so one short of the end counts as caught up.
     */
    private static boolean sinkCaughtUp(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> written) {
        return ends.entrySet().stream().allMatch(e -> written.getOrDefault(e.getKey(), 0L) >= e.getValue() - 1);
    }

    /** Per partition of the enriched topic, the offsets the ledger sink has written to PostgreSQL and committed. */
    private static Map<TopicPartition, Long> writtenBySink(Admin admin) throws Exception {
        Map<TopicPartition, Long> written = new HashMap<>();
        admin.listConsumerGroupOffsets("personifi-ledger-sink").partitionsToOffsetAndMetadata().get()
                .forEach((partition, offset) -> {
                    if (partition.topic().equals(Topics.ENRICHED_TRANSACTIONS) && offset != null) {
                        written.put(partition, offset.offset());
                    }
                });
        return written;
    }

    /** Records on the enriched topic so far (the platform's demo data included). */
    private static long enriched(Admin admin) throws Exception {
        return endOffsets(admin).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        admin.describeTopics(List.of(Topics.ENRICHED_TRANSACTIONS)).allTopicNames().get()
                .get(Topics.ENRICHED_TRANSACTIONS).partitions()
                .forEach(p -> partitions.put(new TopicPartition(Topics.ENRICHED_TRANSACTIONS, p.partition()),
                        OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(partitions).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
