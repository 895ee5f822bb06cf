package com.personifi.streams.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.personifi.schemas.CorrectionKeys;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.streams.TestData;
import com.personifi.streams.TopologyFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Accuracy on a hand-labeled set of M-Pesa, SMS, other mobile-money and bank lines
 * (src/test/resources/categorization): the built-in patterns alone, then after a user corrected 20 mistakes as they
 * met them, through the whole topology. The measured numbers are written to target/categorization-accuracy.txt and
 * docs/benchmarks.md; the assertions guard against regressions.
 */
class CategorizationAccuracyTest {

    private static final int CORRECTIONS = 20;

    record Labeled(RawTransaction.Builder transaction, String category) {
    }

    /** Accuracy of one set: built-in alone, then after the user corrected the first 20 mistakes they met. */
    record Measured(int rows, double builtIn, double learned) {
    }

    @Test
    void measuresBuiltInAccuracyAndAccuracyAfterTwentyCorrections() throws IOException {
        Measured labeled = measure("labeled-transactions.csv", "L");
        Measured heldOut = measure("held-out-transactions.csv", "H");

        String report = String.format("labeled (patterns developed against it): %d rows, built-in %.1f%%, after %d "
                        + "corrections %.1f%%%nheld-out (never tuned against): %d rows, built-in %.1f%%, after %d "
                        + "corrections %.1f%%%n", labeled.rows(), labeled.builtIn() * 100, CORRECTIONS,
                labeled.learned() * 100, heldOut.rows(), heldOut.builtIn() * 100, CORRECTIONS, heldOut.learned() * 100);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "categorization-accuracy.txt"), report);
        System.out.print("Categorization accuracy:\n" + report);

        assertThat(labeled.rows()).isGreaterThanOrEqualTo(500);
        assertThat(labeled.learned()).isGreaterThan(labeled.builtIn());
        assertThat(heldOut.learned()).isGreaterThan(heldOut.builtIn());
        assertThat(labeled.builtIn()).isGreaterThanOrEqualTo(LABELED_BUILT_IN_FLOOR);
        assertThat(labeled.learned()).isGreaterThanOrEqualTo(LABELED_LEARNED_FLOOR);
        assertThat(heldOut.builtIn()).isGreaterThanOrEqualTo(HELD_OUT_BUILT_IN_FLOOR);
    }

    /** Regression guards, a little under what was measured (docs/benchmarks.md). */
    private static final double LABELED_BUILT_IN_FLOOR = 0.98;
    private static final double LABELED_LEARNED_FLOOR = 0.99;
    private static final double HELD_OUT_BUILT_IN_FLOOR = 0.89;

    private static Measured measure(String file, String run) throws IOException {
        try (TopologyFixture topology = new TopologyFixture()) {
            List<Labeled> rows = load(topology, file);
            double builtIn = accuracy(topology, rows, run + "A");
            // a user goes through their transactions in order and fixes the first 20 wrong ones
            int corrections = 0;
            for (int i = 0; i < rows.size() && corrections < CORRECTIONS; i++) {
                Labeled row = rows.get(i);
                EnrichedTransaction t = topology.enrich(row.transaction().setSourceRef(run + "C" + i)
                        .setId(id(topology, run + "C" + i)).build());
                if (!t.getCategory().equals(row.category())) {
                    String key = CorrectionKeys.of(topology.user, t.getMerchantCode(), t.getCounterparty(),
                            t.getDescription()).get(0);
                    topology.givenLearned(key, row.category(), 1);
                    corrections++;
                }
            }
            return new Measured(rows.size(), builtIn, accuracy(topology, rows, run + "B"));
        }
    }

    /** Share of rows categorized as labeled; the misses are listed in target/categorization-misses-RUN.txt. */
    private static double accuracy(TopologyFixture topology, List<Labeled> rows, String run) throws IOException {
        int right = 0;
        StringBuilder misses = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String ref = run + i;
            EnrichedTransaction t = topology.enrich(rows.get(i).transaction().setSourceRef(ref)
                    .setId(id(topology, ref)).build());
            if (t.getCategory().equals(rows.get(i).category())) {
                right++;
            } else {
                misses.append(rows.get(i).category()).append(" <- ").append(t.getCategory()).append(" | ")
                        .append(t.getDescription()).append(" | ").append(t.getCounterparty()).append('\n');
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "categorization-misses-" + run + ".txt"), misses);
        return (double) right / rows.size();
    }

    private static String id(TopologyFixture topology, String sourceRef) {
        return com.personifi.schemas.ids.TransactionIds.transactionId(topology.account, sourceRef).toString();
    }

    private static List<Labeled> load(TopologyFixture topology, String file) throws IOException {
        List<Labeled> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new InputStreamReader(Objects.requireNonNull(CategorizationAccuracyTest.class
                        .getResourceAsStream("/categorization/" + file)), StandardCharsets.UTF_8))) {
            for (CSVRecord r : parser) {
                RawTransaction.Builder t = TestData.raw(topology.user, topology.account, "x", r.get("amount"),
                                r.get("currency"), LocalDate.of(2024, 7, 1), r.get("description"))
                        .setSource(TransactionSource.valueOf(r.get("source")))
                        .setCounterparty(blankToNull(r.get("counterparty")))
                        .setMerchantCode(blankToNull(r.get("merchant_code")))
                        .setAmount(new BigDecimal(r.get("amount")).setScale(4));
                rows.add(new Labeled(t, r.get("category")));
            }
        }
        return rows;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

}
