package com.personifi.streams.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

import com.personifi.schemas.events.BudgetAlert;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.streams.TopologyFixture;
import com.personifi.streams.enrich.EnrichmentTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetAlertsTopologyTest {

    /** "Today" for these tests: alerts are raised only for periods that have not long ended. */
    private static final Instant TODAY = Instant.parse("2024-05-06T09:00:00Z");

    private TopologyFixture topology;
    private int receipt;

    @BeforeEach
    void start() {
        topology = new TopologyFixture(EnrichmentTopology.Options.defaults(), new Properties(), TODAY);
        topology.givenBaseCurrency("KES");
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private void spendOnFood(String amount, LocalDate day) {
        topology.send(topology.transaction(String.format("SD1%07d", receipt++), amount, day,
                "Merchant Payment to 5995543 - NAIVAS SUPERMARKET").build());
    }

    private List<Integer> thresholdsAlerted() {
        return topology.alerts().stream().map(BudgetAlert::getThresholdPercent).toList();
    }

    @Test
    void shouldAlertAtEachDefaultThresholdExactlyOnce() {
        topology.givenBudgets("[{\"id\":\"b-food\",\"category\":\"food\",\"amount\":\"10000\",\"currency\":\"KES\"}]");

        spendOnFood("-4000.00", LocalDate.of(2024, 5, 2));
        assertThat(thresholdsAlerted()).isEmpty();
        spendOnFood("-1000.00", LocalDate.of(2024, 5, 3));
        assertThat(thresholdsAlerted()).containsExactly(50);
        spendOnFood("-4500.00", LocalDate.of(2024, 5, 4));
        assertThat(thresholdsAlerted()).containsExactly(80);
        spendOnFood("-600.00", LocalDate.of(2024, 5, 5));
        List<BudgetAlert> over = topology.alerts();
        spendOnFood("-600.00", LocalDate.of(2024, 5, 6));

        assertThat(over).singleElement().satisfies(alert -> {
            assertThat(alert.getThresholdPercent()).isEqualTo(100);
            assertThat(alert.getSpent()).isEqualByComparingTo("10100");
            assertThat(alert.getLimit()).isEqualByComparingTo("10000");
            assertThat(alert.getPeriodStart()).isEqualTo(LocalDate.of(2024, 5, 1));
            assertThat(alert.getPeriodEnd()).isEqualTo(LocalDate.of(2024, 6, 1));
            assertThat(alert.getAlertId()).isEqualTo("b-food:2024-05-01:100");
        });
        assertThat(thresholdsAlerted()).isEmpty();
    }

    @Test
    void shouldNotAlertAgainWhenARefundDipsBelowAndSpendingCrossesBackWithinThePeriod() {
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000\",\"thresholds\":[80]}]");

        spendOnFood("-900.00", LocalDate.of(2024, 5, 2));
        assertThat(thresholdsAlerted()).containsExactly(80);
        spendOnFood("300.00", LocalDate.of(2024, 5, 3));
        spendOnFood("-300.00", LocalDate.of(2024, 5, 4));

        assertThat(thresholdsAlerted()).isEmpty();
        String spent = topology.driver.<String, String>getKeyValueStore(BudgetProcessor.SPENT_STORE)
                .get(topology.user + "|b|KES|2024-05-01");
        assertThat(spent).startsWith("900.0000@");
    }

    @Test
    void shouldStartAgainInTheNextPeriodWithACustomStartDay() {
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000\",\"period\":\"CUSTOM\","
                + "\"start_day\":25,\"thresholds\":[100]}]");

        spendOnFood("-1000.00", LocalDate.of(2024, 5, 24));
        spendOnFood("-1000.00", LocalDate.of(2024, 5, 25));

        assertThat(topology.alerts()).extracting(BudgetAlert::getPeriodStart)
                .containsExactly(LocalDate.of(2024, 4, 25), LocalDate.of(2024, 5, 25));
    }

    @Test
    void shouldCountWeeksFromTheChosenWeekday() {
        topology.givenBudgets("[{\"id\":\"w\",\"category\":\"food\",\"amount\":\"500\",\"period\":\"WEEKLY\","
                + "\"start_day\":1,\"thresholds\":[100]}]");

        spendOnFood("-300.00", LocalDate.of(2024, 5, 5));   // Sunday: week of Monday 29 April
        spendOnFood("-300.00", LocalDate.of(2024, 5, 6));   // Monday: a new week

        assertThat(thresholdsAlerted()).isEmpty();
        spendOnFood("-200.00", LocalDate.of(2024, 5, 12));
        assertThat(topology.alerts()).extracting(BudgetAlert::getPeriodStart).containsExactly(LocalDate.of(2024, 5, 6));
    }

    @Test
    void shouldNotCountAnUpdatedTransactionTwice() {
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000\",\"thresholds\":[100]}]");
        var sms = topology.transaction("SD19999999", "-600.00", LocalDate.of(2024, 5, 2),
                "Merchant Payment to 5995543 - NAIVAS SUPERMARKET").build();
        topology.send(sms);
        // the statement brings the same receipt with its balance: an update, not a second purchase
        topology.send(topology.transaction("SD19999999", "-600.00", LocalDate.of(2024, 5, 2),
                "Merchant Payment to 5995543 - NAIVAS SUPERMARKET").setBalance(new java.math.BigDecimal("100.0000"))
                .build());

        assertThat(topology.enriched.readValuesToList()).hasSize(2);
        assertThat(thresholdsAlerted()).isEmpty();
        spendOnFood("-400.00", LocalDate.of(2024, 5, 3));
        assertThat(thresholdsAlerted()).containsExactly(100);
    }

    /** Moved to another category by its owner, a purchase leaves the budget, and a later update keeps it out. */
    @Test
    void shouldTakeARecategorizedTransactionOutOfItsBudgetForGood() {
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000\",\"thresholds\":[50,80]}]");
        var receipt = topology.transaction("SD17777777", "-600.00", LocalDate.of(2024, 5, 2),
                "Merchant Payment to 5995543 - NAIVAS SUPERMARKET");
        topology.send(receipt.build());
        var booked = topology.enriched.readValuesToList();
        assertThat(booked).extracting(EnrichedTransaction::getCategory).containsExactly("food");
        assertThat(thresholdsAlerted()).containsExactly(50);

        topology.correct(booked.get(0), "household", true, false);
        spendOnFood("-300.00", LocalDate.of(2024, 5, 3));
        // the statement brings the same receipt again, which the stream alone would call food
        topology.send(receipt.setBalance(new java.math.BigDecimal("100.0000")).build());

        assertThat(thresholdsAlerted()).isEmpty();
        assertThat(topology.driver.<String, String>getKeyValueStore(BudgetProcessor.SPENT_STORE)
                .get(topology.user + "|b|KES|2024-05-01")).startsWith("300.0000@");
        spendOnFood("-500.00", LocalDate.of(2024, 5, 4));
        assertThat(thresholdsAlerted()).containsExactly(80);
    }

    /** Deleted, a purchase counts toward nothing; restored, it counts again, and crossing a threshold alerts. */
    @Test
    void shouldLeaveADeletedTransactionOutUntilItIsRestored() {
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000\","
                + "\"thresholds\":[50,100]}]");
        spendOnFood("-900.00", LocalDate.of(2024, 5, 2));
        EnrichedTransaction duplicate = topology.enriched.readValuesToList().get(0);
        assertThat(thresholdsAlerted()).containsExactly(50);

        topology.correct(duplicate, "food", false, true);
        // the statement brings the deleted duplicate's receipt again: still deleted, as the ledger keeps it
        topology.send(topology.transaction(duplicate.getSourceRef(), "-900.00", LocalDate.of(2024, 5, 2),
                "Merchant Payment to 5995543 - NAIVAS SUPERMARKET").setBalance(new java.math.BigDecimal("50.0000"))
                .build());
        spendOnFood("-500.00", LocalDate.of(2024, 5, 3));
        assertThat(thresholdsAlerted()).isEmpty();

        topology.correct(duplicate, "food", false, false);
        assertThat(thresholdsAlerted()).containsExactly(100);
        assertThat(topology.driver.<String, String>getKeyValueStore(BudgetProcessor.SPENT_STORE)
                .get(topology.user + "|b|KES|2024-05-01")).startsWith("1400.0000@");
    }

    /** A budget made mid-period starts from what was already spent, counted anew under it. */
    @Test
    void shouldCountWhatWasSpentBeforeABudgetWasMadeOnceItIsRecounted() {
        spendOnFood("-700.00", LocalDate.of(2024, 5, 2));
        spendOnFood("-100.00", LocalDate.of(2024, 5, 3));
        List<EnrichedTransaction> booked = topology.enriched.readValuesToList();
        assertThat(thresholdsAlerted()).isEmpty();

        // the budget reaches the stream's own copy later than the recount
        String budgets = "[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000\",\"thresholds\":[50,80,100]}]";
        booked.forEach(t -> topology.recount(t, budgets));
        topology.givenBudgets(budgets);

        assertThat(thresholdsAlerted()).containsExactly(50, 80);
        var spent = topology.driver.<String, String>getKeyValueStore(BudgetProcessor.SPENT_STORE);
        assertThat(spent.get(topology.user + "|b|KES|2024-05-01")).startsWith("800.0000@");
        // counted again (a second change of the budget), nothing is counted twice
        booked.forEach(t -> topology.recount(t, budgets));
        assertThat(spent.get(topology.user + "|b|KES|2024-05-01")).startsWith("800.0000@");
        spendOnFood("-200.00", LocalDate.of(2024, 5, 4));
        assertThat(thresholdsAlerted()).containsExactly(100);
    }

    /**
     * A category a rule gave is the ledger's until the stream says otherwise, as the sink lets a later update change
     * it: nothing of it is kept against the stream.
     */
    @Test
    void shouldLetALaterUpdateChangeACategoryThePersonDidNotChoose() {
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000\",\"thresholds\":[50]}]");
        var receipt = topology.transaction("SD16666666", "-600.00", LocalDate.of(2024, 5, 2),
                "Merchant Payment to 5995543 - NAIVAS SUPERMARKET");
        topology.send(receipt.build());
        EnrichedTransaction booked = topology.enriched.readValuesToList().get(0);
        assertThat(thresholdsAlerted()).containsExactly(50);

        topology.correct(booked, "shopping", false, false); // a rule applied
        var spent = topology.driver.<String, String>getKeyValueStore(BudgetProcessor.SPENT_STORE);
        assertThat(spent.get(topology.user + "|b|KES|2024-05-01")).startsWith("0.0000@");
        topology.send(receipt.setBalance(new java.math.BigDecimal("100.0000")).build());
        assertThat(spent.get(topology.user + "|b|KES|2024-05-01")).startsWith("600.0000@");
    }

    @Test
    void shouldIgnoreOtherCategoriesAndOtherUsersBudgets() {
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"betting\",\"amount\":\"100\"}]");

        spendOnFood("-5000.00", LocalDate.of(2024, 5, 2));

        assertThat(thresholdsAlerted()).isEmpty();
    }

    @Test
    void shouldKeepOneUsersSpendingOutOfAnotherUsersBudgetWithTheSameId() {
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000\",\"thresholds\":[100]}]");
        java.util.UUID other = java.util.UUID.randomUUID();
        topology.givenBudgetsOf(other, "[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000\",\"thresholds\":[100]}]");

        spendOnFood("-600.00", LocalDate.of(2024, 5, 2));
        java.util.UUID otherAccount = java.util.UUID.randomUUID();
        topology.raw.pipeInput(other.toString(), com.personifi.streams.TestData.raw(other, otherAccount,
                "SD18888888", "-600.00", "KES", LocalDate.of(2024, 5, 2),
                "Merchant Payment to 5995543 - NAIVAS SUPERMARKET").build());

        assertThat(topology.enriched.readValuesToList()).hasSize(2);
        assertThat(thresholdsAlerted()).isEmpty();
    }

    @Test
    void shouldIgnoreABudgetThatCannotBeCountedRatherThanStopTheStream() {
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000.12345\",\"start_day\":0}]");

        spendOnFood("-5000.00", LocalDate.of(2024, 5, 2));

        assertThat(thresholdsAlerted()).isEmpty();
        assertThat(topology.enriched.readValuesToList()).hasSize(1);
    }

    /** History imported today is counted, but last year's overspending is not news. */
    @Test
    void shouldCountButNotAlertForAPeriodThatEndedMoreThanADayAgo() {
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000\",\"period\":\"WEEKLY\","
                + "\"start_day\":1}]");

        spendOnFood("-1200.00", LocalDate.of(2024, 4, 24)); // the week of 22 April, ended 29 April
        spendOnFood("-400.00", LocalDate.of(2024, 5, 5));   // the week of 29 April, ended last night: within the grace
        spendOnFood("-200.00", LocalDate.of(2024, 5, 5));
        assertThat(topology.alerts()).extracting(BudgetAlert::getPeriodStart, BudgetAlert::getThresholdPercent)
                .containsExactly(tuple(LocalDate.of(2024, 4, 29), 50));

        topology.advanceWallClock(Duration.ofDays(1));
        spendOnFood("-600.00", LocalDate.of(2024, 5, 5));   // the same week, now ended more than a day ago
        assertThat(topology.alerts()).isEmpty();

        var spent = topology.driver.<String, String>getKeyValueStore(BudgetProcessor.SPENT_STORE);
        assertThat(spent.get(topology.user + "|b|KES|2024-04-22")).startsWith("1200.0000@");
        assertThat(spent.get(topology.user + "|b|KES|2024-04-29")).startsWith("1200.0000@");
    }

    @Test
    void shouldForgetBudgetStateUntouchedForTheRetentionAndKeepWhatIsStillLive() {
        topology.close();
        topology = new TopologyFixture(EnrichmentTopology.Options.defaults().withDedupeRetention(Duration.ofDays(30)),
                new Properties(), TODAY);
        topology.givenBaseCurrency("KES");
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"food\",\"amount\":\"1000\",\"thresholds\":[50]}]");
        var spent = topology.driver.<String, String>getKeyValueStore(BudgetProcessor.SPENT_STORE);
        var contributions = topology.driver.<String, String>getKeyValueStore(BudgetProcessor.CONTRIBUTIONS_STORE);
        var fired = topology.driver.<String, String>getKeyValueStore(BudgetProcessor.FIRED_STORE);

        spendOnFood("-600.00", LocalDate.of(2024, 5, 2));
        topology.advanceWallClock(Duration.ofDays(20));
        spendOnFood("-700.00", LocalDate.of(2024, 6, 2));
        assertThat(thresholdsAlerted()).containsExactly(50, 50);
        topology.advanceWallClock(Duration.ofDays(15));

        String user = topology.user.toString();
        assertThat(spent.get(user + "|b|KES|2024-05-01")).isNull();
        assertThat(spent.get(user + "|b|KES|2024-06-01")).startsWith("700.0000@");
        assertThat(keys(fired)).containsExactly(user + "|KES|b:2024-06-01:50");
        assertThat(keys(contributions)).hasSize(1);
    }

    private static List<String> keys(org.apache.kafka.streams.state.KeyValueStore<String, String> store) {
        List<String> keys = new java.util.ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
