package com.personifi.streams.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.streams.TopologyFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DedupeAndMergeTopologyTest {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 5);
    private TopologyFixture topology;

    @BeforeEach
    void start() {
        topology = new TopologyFixture(EnrichmentTopology.Options.defaults().withDedupeRetention(Duration.ofDays(30)));
        topology.givenBaseCurrency("KES");
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void shouldEmitATransactionOnceWhenTheSameReceiptArrivesAgain() {
        RawTransaction payment = topology.transaction("SC51AB1CD2", "-1500.00", DAY,
                "Merchant Payment to 5995543 - NAIVAS").setMerchantCode("5995543").build();

        topology.send(payment);
        topology.send(payment);
        topology.send(payment);

        assertThat(topology.enriched.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldLetALaterChannelFillInMissingFieldsAsAnUpdateOfTheSameTransaction() {
        RawTransaction callback = topology.transaction("SC51AB1CD3", "-1500.00", DAY, "Pay Bill 888880")
                .setSource(TransactionSource.CALLBACK).build();
        RawTransaction statement = topology.transaction("SC51AB1CD3", "-1500.00", DAY,
                        "Pay Bill Online to 888880 - KPLC PREPAID Acc. 5440").setSource(TransactionSource.MPESA_STATEMENT)
                .setCounterparty("KPLC PREPAID").setMerchantCode("888880").setBalance(new BigDecimal("2340.5000"))
                .setReceivedAt(Instant.parse("2024-04-01T00:00:00Z")).build();

        EnrichedTransaction first = topology.enrich(callback);
        EnrichedTransaction update = topology.enrich(statement);

        assertThat(update.getId()).isEqualTo(first.getId());
        assertThat(first.getCounterparty()).isNull();
        assertThat(update.getCounterparty()).isEqualTo("KPLC PREPAID");
        assertThat(update.getMerchantCode()).isEqualTo("888880");
        assertThat(update.getBalance()).isEqualByComparingTo("2340.50");
        // what the first channel said stays: the money and the description it was first seen with
        assertThat(update.getAmount()).isEqualByComparingTo("-1500.00");
        assertThat(update.getSource()).isEqualTo(TransactionSource.CALLBACK);
        assertThat(topology.enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepTheMergedTransactionInItsStore() {
        RawTransaction sms = topology.transaction("SC51AB1CD4", "-200.00", DAY, "Airtime Purchase").build();

        topology.send(sms);

        byte[] stored = topology.driver.<String, byte[]>getKeyValueStore(EnrichmentTopology.TRANSACTIONS_STORE)
                .get(sms.getId());
        assertThat(stored).isNotNull();
    }

    @Test
    void shouldForgetATransactionNotSeenForLongerThanTheRetention() {
        RawTransaction airtime = topology.transaction("SC51AB1CD5", "-50.00", DAY, "Airtime Purchase")
                .setReceivedAt(Instant.now()).build();
        topology.send(airtime);

        topology.advanceWallClock(Duration.ofDays(31));
        topology.send(airtime);

        assertThat(topology.enriched.readValuesToList()).hasSize(2);
    }

    @Test
    void shouldEnrichATransactionSentAgainAfterItWasDeadLettered() {
        // nine hundred trillion shillings in Ugandan shillings does not fit the ledger's NUMERIC(19,4)
        topology.givenBaseCurrency("UGX");
        topology.givenRate("KES", "UGX", DAY, "33.6379");
        RawTransaction huge = topology.transaction("SC51AB1CD6", "900000000000000.00", DAY,
                "Funds received from - 2547*****123 A B").build();
        topology.send(huge);
        assertThat(topology.deadLetters.readValuesToList()).hasSize(1);

        topology.givenBaseCurrency("KES");
        topology.send(huge);

        assertThat(topology.enriched.readValue().getAmountInBase()).isEqualByComparingTo("900000000000000.00");
    }
}
