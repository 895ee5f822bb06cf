package com.personifi.streams.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.streams.TestData;
import com.personifi.streams.TopologyFixture;
import com.personifi.streams.budget.BudgetProcessor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OwnTransferTopologyTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 7);
    private TopologyFixture topology;
    private final UUID bank = UUID.randomUUID();
    private int receipt;

    @BeforeEach
    void start() {
        topology = new TopologyFixture();
        topology.givenBaseCurrency("KES");
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    /** Money out of the user's M-Pesa wallet, as the built-in patterns see a transfer to a person. */
    private RawTransaction sentFromWallet(String amount, LocalDate day) {
        return topology.transaction("SF7" + receipt++, "-" + amount, day,
                "Customer Transfer to - 2547*****501 PETER KAMAU").setCounterparty("PETER KAMAU").build();
    }

    private RawTransaction receivedInto(UUID account, String amount, String currency, LocalDate day) {
        return TestData.raw(topology.user, account, "FT24" + receipt++, amount, currency, day,
                "Funds received from 2547*****318 MARY WANJIKU").build();
    }

    private List<EnrichedTransaction> send(UUID account, RawTransaction t) {
        topology.raw.pipeInput(t.getUserId(), t);
        return topology.enriched.readValuesToList();
    }

    @Test
    void shouldPairMoneyLeavingOneOwnAccountWithTheSameAmountArrivingInAnotherAndUpdateTheFirstLeg() {
        RawTransaction out = sentFromWallet("5000.00", DAY);
        assertThat(send(topology.account, out)).singleElement()
                .satisfies(t -> assertThat(t.getCategory()).isEqualTo("remittances-sent"));

        RawTransaction in = receivedInto(bank, "5000.00", "KES", DAY.plusDays(1));
        List<EnrichedTransaction> emitted = send(bank, in);

        assertThat(emitted).extracting(EnrichedTransaction::getId).containsExactly(out.getId(), in.getId());
        assertThat(emitted).allSatisfy(t -> {
            assertThat(t.getCategory()).isEqualTo("own-transfers");
            assertThat(t.getCategorySource()).isEqualTo(CategorySource.BUILT_IN);
            assertThat(t.getCategoryConfidence()).isEqualTo(OwnTransferMatcher.CONFIDENCE);
        });
        assertThat(emitted.get(0).getAmount()).isEqualByComparingTo("-5000");
        assertThat(emitted.get(0).getAccountId()).isEqualTo(topology.account.toString());
    }

    @Test
    void shouldStillPairALegThatWaitedUnderTheOlderKeyWithoutItsBookingTime() {
        // the waiting leg as an earlier run stored it: "user|currency|amount|direction|id", no booking time
        EnrichedTransaction waiting;
        try (TopologyFixture earlier = new TopologyFixture()) {
            earlier.givenBaseCurrency("KES");
            earlier.raw.pipeInput(earlier.user.toString(), earlier.transaction("SF7OLD0001", "-5000.00", DAY,
                    "Customer Transfer to - 2547*****501 PETER KAMAU").setCounterparty("PETER KAMAU").build());
            waiting = earlier.enriched.readValuesToList().get(0);
        }
        waiting.setUserId(topology.user.toString());
        waiting.setAccountId(topology.account.toString());
        waiting.setId(TransactionIds.transactionId(topology.account, "SF7OLD0001").toString());
        byte[] enriched = AvroSerde.of(EnrichedTransaction.class).serialize(null, waiting);
        byte[] stored = ByteBuffer.allocate(Long.BYTES + enriched.length).putLong(System.currentTimeMillis())
                .put(enriched).array();
        KeyValueStore<String, byte[]> candidates =
                topology.driver.getKeyValueStore(OwnTransferMatcher.CANDIDATES_STORE);
        candidates.put(topology.user + "|KES|5000|OUT|" + waiting.getId(), stored);

        List<EnrichedTransaction> emitted = send(bank, receivedInto(bank, "5000.00", "KES", DAY.plusDays(1)));

        assertThat(emitted).extracting(EnrichedTransaction::getId).startsWith(waiting.getId());
        assertThat(emitted).allSatisfy(t -> assertThat(t.getCategory()).isEqualTo("own-transfers"));
        assertThat(waitingLegs(candidates)).as("both legs paired: nothing left waiting").isEmpty();
    }

    @Test
    void shouldStillPairALegThatWaitedFromBeforeWaitingLegsWereMarked() {
        RawTransaction out = sentFromWallet("6100.00", DAY);
        EnrichedTransaction waiting = send(topology.account, out).get(0);
        KeyValueStore<String, byte[]> candidates =
                topology.driver.getKeyValueStore(OwnTransferMatcher.CANDIDATES_STORE);
        String mark = topology.user + "|KES|6100|OUT|";
        assertThat(candidates.get(mark)).as("the prefix its leg waits under is marked").hasSize(Long.BYTES);
        // as an earlier version left it: the leg waiting, no mark
        candidates.delete(mark);
        try (TopologyFixture restarted = new TopologyFixture()) {
            KeyValueStore<String, byte[]> carried =
                    restarted.driver.getKeyValueStore(OwnTransferMatcher.CANDIDATES_STORE);
            try (var all = candidates.all()) {
                all.forEachRemaining(entry -> carried.put(entry.key.replace(topology.user.toString(),
                        restarted.user.toString()), entry.value));
            }
            restarted.givenBaseCurrency("KES");
            restarted.raw.pipeInput(restarted.user.toString(), TestData.raw(restarted.user, bank, "FT-6100", "6100.00",
                    "KES", DAY, "Funds received from 2547*****318 MARY WANJIKU").build());

            assertThat(restarted.enriched.readValuesToList()).extracting(EnrichedTransaction::getId)
                    .containsExactly(waiting.getId(), TransactionIds.transactionId(bank, "FT-6100").toString());
        }
    }

    @Test
    void shouldForgetAWaitingLegAndItsMarkAfterTheirRetention() {
        send(topology.account, sentFromWallet("7300.00", DAY));
        KeyValueStore<String, byte[]> candidates =
                topology.driver.getKeyValueStore(OwnTransferMatcher.CANDIDATES_STORE);
        String mark = topology.user + "|KES|7300|OUT|";

        topology.advanceWallClock(OwnTransferMatcher.CANDIDATE_RETENTION.plusMinutes(2));
        assertThat(waitingLegs(candidates)).as("the leg is forgotten after its retention").isEmpty();
        assertThat(candidates.get(mark)).as("its mark outlives it by a day").isNotNull();

        topology.advanceWallClock(OwnTransferMatcher.MARK_RENEWAL);
        assertThat(candidates.get(mark)).isNull();
        assertThat(send(bank, receivedInto(bank, "7300.00", "KES", DAY))).singleElement()
                .satisfies(t -> assertThat(t.getCategory()).isEqualTo("remittances-received"));
    }

    /** The legs waiting in the store, without the marks of the prefixes they wait under. */
    private static List<String> waitingLegs(KeyValueStore<String, byte[]> candidates) {
        List<String> legs = new java.util.ArrayList<>();
        try (var all = candidates.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.length > Long.BYTES) {
                    legs.add(entry.key);
                }
            });
        }
        return legs;
    }

    @Test
    void shouldNotPairOtherAmountsOtherCurrenciesTheSameAccountOrLegsFurtherApartThanTheWindow() {
        send(topology.account, sentFromWallet("5000.00", DAY));

        List<EnrichedTransaction> unpaired = new java.util.ArrayList<>();
        unpaired.addAll(send(bank, receivedInto(bank, "4999.00", "KES", DAY)));
        unpaired.addAll(send(bank, receivedInto(bank, "5000.00", "USD", DAY)));
        unpaired.addAll(send(topology.account, receivedInto(topology.account, "5000.00", "KES", DAY)));
        unpaired.addAll(send(bank, receivedInto(bank, "5000.00", "KES", DAY.plusDays(4))));

        assertThat(unpaired).hasSize(4).allSatisfy(t -> assertThat(t.getCategory()).isEqualTo("remittances-received"));
    }

    @Test
    void shouldPairEachLegOnceAndWithTheClosestInTime() {
        RawTransaction early = sentFromWallet("2500.00", DAY);
        RawTransaction close = sentFromWallet("2500.00", DAY.plusDays(2));
        send(topology.account, early);
        send(topology.account, close);

        List<EnrichedTransaction> first = send(bank, receivedInto(bank, "2500.00", "KES", DAY.plusDays(2)));
        List<EnrichedTransaction> second = send(bank, receivedInto(bank, "2500.00", "KES", DAY.plusDays(2)));
        List<EnrichedTransaction> third = send(bank, receivedInto(bank, "2500.00", "KES", DAY.plusDays(2)));

        assertThat(first).extracting(EnrichedTransaction::getId).first().isEqualTo(close.getId());
        assertThat(second).extracting(EnrichedTransaction::getId).first().isEqualTo(early.getId());
        assertThat(third).singleElement()
                .satisfies(t -> assertThat(t.getCategory()).isEqualTo("remittances-received"));
    }

    @Test
    void shouldNeverPairAcrossUsers() {
        send(topology.account, sentFromWallet("700.00", DAY));
        UUID stranger = UUID.randomUUID();
        UUID strangersAccount = UUID.randomUUID();
        RawTransaction theirs = TestData.raw(stranger, strangersAccount, "X1", "700.00", "KES", DAY,
                "Funds received from 2547*****318 MARY WANJIKU").build();

        assertThat(send(strangersAccount, theirs)).singleElement()
                .satisfies(t -> assertThat(t.getCategory()).isEqualTo("remittances-received"));
    }

    @Test
    void shouldLeaveATransactionTheUsersRuleCategorizedAlone() {
        topology.givenRules("""
                [{"id":"r","when":{"counterparty_contains":"peter kamau"},"then":{"category":"rent"}}]""");
        send(topology.account, sentFromWallet("5000.00", DAY));

        assertThat(send(bank, receivedInto(bank, "5000.00", "KES", DAY))).singleElement()
                .satisfies(t -> assertThat(t.getCategory()).isEqualTo("remittances-received"));
    }

    @Test
    void shouldKeepALaterSightingOfAPairedLegAnOwnTransfer() {
        RawTransaction out = sentFromWallet("5000.00", DAY);
        send(topology.account, out);
        send(bank, receivedInto(bank, "5000.00", "KES", DAY));

        // the statement row for the same receipt adds the balance: an update of the same transaction
        RawTransaction statementRow = RawTransaction.newBuilder(out)
                .setBalance(new java.math.BigDecimal("1200.0000")).build();

        assertThat(send(topology.account, statementRow)).singleElement().satisfies(t -> {
            assertThat(t.getId()).isEqualTo(out.getId());
            assertThat(t.getCategory()).isEqualTo("own-transfers");
            assertThat(t.getBalance()).isEqualByComparingTo("1200");
        });
    }

    @Test
    void shouldTakeTheFirstLegOutOfABudgetOnceItTurnsOutToBeAnOwnTransfer() {
        topology.givenBudgets("[{\"id\":\"b\",\"category\":\"remittances-sent\",\"amount\":\"100000\"}]");
        String period = topology.user + "|b|KES|2024-06-01";
        var spent = topology.driver.<String, String>getKeyValueStore(BudgetProcessor.SPENT_STORE);

        send(topology.account, sentFromWallet("5000.00", DAY));
        assertThat(spent.get(period)).startsWith("5000.0000@");
        send(bank, receivedInto(bank, "5000.00", "KES", DAY));

        assertThat(spent.get(period)).startsWith("0.0000@");
    }
}
