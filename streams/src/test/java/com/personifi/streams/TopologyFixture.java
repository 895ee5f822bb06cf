package com.personifi.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import com.personifi.schemas.FxRateKey;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.BudgetAlert;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.FxRate;
import com.personifi.schemas.events.LedgerCorrection;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.streams.enrich.EnrichmentTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The enrichment topology in a TopologyTestDriver, with one user and account and helpers to feed it. */
public final class TopologyFixture implements AutoCloseable {

    public final UUID user = UUID.randomUUID();
    public final UUID account = UUID.randomUUID();
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, RawTransaction> raw;
    public final TestInputTopic<String, byte[]> rawBytes;
    public final TestOutputTopic<String, EnrichedTransaction> enriched;
    public final TestOutputTopic<String, byte[]> deadLetters;
    public final TestOutputTopic<String, BudgetAlert> alerts;
    private final Path stateDir;
    private final TestInputTopic<String, FxRate> rates;
    private final TestInputTopic<String, byte[]> users;
    private final TestInputTopic<String, byte[]> rules;
    private final TestInputTopic<String, byte[]> corrections;
    private final TestInputTopic<String, byte[]> budgets;
    private final TestInputTopic<String, LedgerCorrection> ledgerCorrections;

    public TopologyFixture() {
        this(EnrichmentTopology.Options.defaults());
    }

    public TopologyFixture(EnrichmentTopology.Options options) {
        this(options, new Properties());
    }

    /** @param extra stream settings added to the fixture's own */
    public TopologyFixture(EnrichmentTopology.Options options, Properties extra) {
        this(options, extra, Instant.now());
    }

    /** @param wallClock where the stream's wall clock starts (alerts depend on today's date) */
    public TopologyFixture(EnrichmentTopology.Options options, Properties extra, Instant wallClock) {
        Properties props = new Properties();
        props.putAll(extra);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // its own state directory: the default one in /tmp is shared by every build on the machine
        try {
            stateDir = Files.createTempDirectory("topology-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(EnrichmentTopology.build(options), props, wallClock);
        var keys = Serdes.String();
        raw = driver.createInputTopic(Topics.RAW_TRANSACTIONS, keys.serializer(), AvroSerde.of(RawTransaction.class));
        rawBytes = driver.createInputTopic(Topics.RAW_TRANSACTIONS, keys.serializer(), Serdes.ByteArray().serializer());
        rates = driver.createInputTopic(Topics.FX_RATES, keys.serializer(), AvroSerde.of(FxRate.class));
        users = driver.createInputTopic(Topics.USERS, keys.serializer(), Serdes.ByteArray().serializer());
        rules = driver.createInputTopic(Topics.CATEGORY_RULES, keys.serializer(), Serdes.ByteArray().serializer());
        corrections = driver.createInputTopic(Topics.CATEGORY_CORRECTIONS, keys.serializer(),
                Serdes.ByteArray().serializer());
        budgets = driver.createInputTopic(Topics.BUDGETS, keys.serializer(), Serdes.ByteArray().serializer());
        ledgerCorrections = driver.createInputTopic(Topics.LEDGER_CORRECTIONS, keys.serializer(),
                AvroSerde.of(LedgerCorrection.class));
        enriched = driver.createOutputTopic(Topics.ENRICHED_TRANSACTIONS, keys.deserializer(),
                AvroSerde.of(EnrichedTransaction.class));
        deadLetters = driver.createOutputTopic(Topics.STREAMS_DEAD_LETTER, keys.deserializer(),
                Serdes.ByteArray().deserializer());
        alerts = driver.createOutputTopic(Topics.BUDGET_ALERTS, keys.deserializer(), AvroSerde.of(BudgetAlert.class));
    }

    public void givenBaseCurrency(String base) {
        users.pipeInput(user.toString(), TestData.userSettings(user, base));
    }

    public void givenRate(String base, String quote, LocalDate date, String rate) {
        rates.pipeInput(FxRateKey.of(base, quote, date), TestData.rate(base, quote, date, rate));
    }

    /** The user's rules, as {@code "rules": [...]} JSON. */
    public void givenRules(String rulesJson) {
        rules.pipeInput(user.toString(), utf8("{\"user_id\":\"" + user + "\",\"rules\":" + rulesJson + "}"));
    }

    public void givenLearned(String key, String category, int corrections) {
        this.corrections.pipeInput(key, utf8("{\"category\":\"" + category + "\",\"corrections\":" + corrections + "}"));
    }

    /** The user's budgets, as {@code "budgets": [...]} JSON. */
    public void givenBudgets(String budgetsJson) {
        givenBudgetsOf(user, budgetsJson);
    }

    public void givenBudgetsOf(UUID owner, String budgetsJson) {
        budgets.pipeInput(owner.toString(), utf8("{\"user_id\":\"" + owner + "\",\"budgets\":" + budgetsJson + "}"));
    }

    public RawTransaction.Builder transaction(String sourceRef, String amount, LocalDate date, String description) {
        return TestData.raw(user, account, sourceRef, amount, "KES", date, description);
    }

    /** A person's change to a booked transaction, as the API publishes it: the transaction as the ledger now holds it. */
    public void correct(EnrichedTransaction booked, String category, boolean manualCategory, boolean deleted) {
        ledgerCorrections.pipeInput(booked.getUserId(), correction(booked)
                .setCategory(category)
                .setDeleted(deleted)
                .setManualCategory(manualCategory)
                .build());
    }

    /** Booked transactions counted anew because the user's budgets just became {@code budgetsJson}, as the API sends them. */
    public void recount(EnrichedTransaction booked, String budgetsJson) {
        ledgerCorrections.pipeInput(booked.getUserId(), correction(booked)
                .setCategory(booked.getCategory())
                .setDeleted(false)
                .setBudgets("{\"user_id\":\"" + booked.getUserId() + "\",\"budgets\":" + budgetsJson + "}")
                .build());
    }

    private static LedgerCorrection.Builder correction(EnrichedTransaction booked) {
        return LedgerCorrection.newBuilder()
                .setTransactionId(booked.getId())
                .setUserId(booked.getUserId())
                .setOccurredAt(booked.getOccurredAt())
                .setBaseCurrency(booked.getBaseCurrency())
                .setAmountInBase(booked.getAmountInBase())
                .setCorrectedAt(Instant.now());
    }

    public void send(RawTransaction transaction) {
        raw.pipeInput(transaction.getUserId(), transaction);
    }

    /** Sends and returns what came out on the enriched topic for it (fails if nothing did). */
    public EnrichedTransaction enrich(RawTransaction transaction) {
        send(transaction);
        return enriched.readValue();
    }

    public List<BudgetAlert> alerts() {
        return alerts.readValuesToList();
    }

    public void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing a test for
        }
    }
}
