package com.personifi.streams.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import com.personifi.schemas.FxRateKey;
import com.personifi.schemas.Topics;
import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.FxRate;
import com.personifi.schemas.events.FxRateStatus;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.streams.TestData;
import com.personifi.streams.TopologyFixture;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichmentTopologyTest {

    private static final LocalDate DAY = LocalDate.of(2016, 10, 13);

    private TopologyFixture topology;
    private TestInputTopic<String, RawTransaction> raw;
    private TestInputTopic<String, byte[]> rawBytes;
    private TestOutputTopic<String, EnrichedTransaction> enriched;
    private TestOutputTopic<String, byte[]> deadLetters;
    private UUID user;
    private UUID account;

    @BeforeEach
    void startDriver() {
        topology = new TopologyFixture();
        raw = topology.raw;
        rawBytes = topology.rawBytes;
        enriched = topology.enriched;
        deadLetters = topology.deadLetters;
        user = topology.user;
        account = topology.account;
    }

    @AfterEach
    void closeDriver() {
        topology.close();
    }

    private void givenBaseCurrency(String base) {
        topology.givenBaseCurrency(base);
    }

    private void givenRate(String base, String quote, LocalDate date, String rate) {
        topology.givenRate(base, quote, date, rate);
    }

    private EnrichedTransaction enrich(String sourceRef, String amount, String currency, LocalDate date,
                                       String description) {
        raw.pipeInput(user.toString(),
                TestData.raw(user, account, sourceRef, amount, currency, date, description).build());
        return enriched.readValue();
    }

    @Test
    void shouldCategorizeAKplcPaybillAsElectricityAndKeepTheAmountExact() {
        givenBaseCurrency("KES");

        EnrichedTransaction t = enrich("SJK1111111", "-1234.56", "KES", DAY, "Pay Bill Online to 888880 Acc. 5440508");

        assertThat(t.getCategory()).isEqualTo("electricity");
        assertThat(t.getCategorySource()).isEqualTo(CategorySource.BUILT_IN);
        assertThat(t.getAmount()).isEqualByComparingTo("-1234.56");
        assertThat(t.getAmountInBase()).isEqualByComparingTo("-1234.56");
        assertThat(t.getFxRateStatus()).isEqualTo(FxRateStatus.OFFICIAL);
    }

    @Test
    void shouldConvertWithTheInverseOfThePublishedRateOfTheTransactionDate() {
        givenBaseCurrency("USD");
        givenRate("USD", "KES", DAY, "101.2953");

        EnrichedTransaction t = enrich("SJK2222222", "-1000.00", "KES", DAY, "Airtime Purchase");

        BigDecimal rate = BigDecimal.ONE.divide(new BigDecimal("101.2953"), 10, RoundingMode.HALF_EVEN);
        assertThat(t.getFxRate()).isEqualByComparingTo(rate);
        assertThat(t.getAmountInBase()).isEqualByComparingTo(
                new BigDecimal("-1000.00").multiply(rate).setScale(2, RoundingMode.HALF_EVEN));
        assertThat(t.getAmountInBase()).isEqualByComparingTo("-9.87");
        assertThat(t.getBaseCurrency()).isEqualTo("USD");
        assertThat(t.getFxRateDate()).isEqualTo(DAY);
        assertThat(t.getFxRateStatus()).isEqualTo(FxRateStatus.OFFICIAL);
    }

    @Test
    void shouldUseTheLatestOlderRateAsProvisionalWhenTheDaysRateIsNotPublished() {
        givenBaseCurrency("EUR");
        givenRate("EUR", "KES", DAY.minusDays(2), "112.9458");
        givenRate("EUR", "KES", DAY.minusDays(9), "110.0000");
        givenRate("EUR", "KES", DAY.plusDays(1), "999.0000");

        EnrichedTransaction t = enrich("SJK3333333", "5000.00", "KES", DAY, "Funds received from - 2547*****501 A B");

        assertThat(t.getFxRateDate()).isEqualTo(DAY.minusDays(2));
        assertThat(t.getFxRateStatus()).isEqualTo(FxRateStatus.PROVISIONAL);
        assertThat(t.getAmountInBase()).isEqualByComparingTo("44.27");
    }

    @Test
    void shouldTriangulateThroughUsdWhenNoPairExists() {
        givenBaseCurrency("UGX");
        givenRate("USD", "KES", DAY, "100.0000");
        givenRate("USD", "UGX", DAY, "3600.5000");

        EnrichedTransaction t = enrich("SJK4444444", "-250.00", "KES", DAY, "Airtime Purchase");

        // KES→USD 0.01, USD→UGX 3600.5: 250 KES = 9001.25 UGX, UGX has no minor unit
        assertThat(t.getFxRate()).isEqualByComparingTo("36.005");
        assertThat(t.getAmountInBase()).isEqualByComparingTo("-9001");
        assertThat(t.getFxRateStatus()).isEqualTo(FxRateStatus.OFFICIAL);
    }

    @Test
    void shouldTriangulateThroughKesWithTheCentralBankOfKenyasRatesAlone() {
        givenBaseCurrency("UGX");
        givenRate("USD", "KES", DAY, "129.0000");
        givenRate("KES", "UGX", DAY, "28.5000");

        EnrichedTransaction t = enrich("SJK4444445", "-10.00", "USD", DAY, "Card payment");

        // 10 USD = 1,290 KES = 36,765 UGX
        assertThat(t.getFxRate()).isEqualByComparingTo("3676.5");
        assertThat(t.getAmountInBase()).isEqualByComparingTo("-36765");
        assertThat(t.getFxRateStatus()).isEqualTo(FxRateStatus.OFFICIAL);
    }

    @Test
    void shouldLetARateStandInForAWeekButNotLonger() {
        givenBaseCurrency("EUR");
        givenRate("EUR", "KES", DAY.minusDays(7), "112.0000");

        EnrichedTransaction weekOld = enrich("SJK3333334", "-1120.00", "KES", DAY, "Airtime Purchase");
        EnrichedTransaction older = enrich("SJK3333335", "-1120.00", "KES", DAY.plusDays(1), "Airtime Purchase");

        assertThat(weekOld.getFxRateStatus()).isEqualTo(FxRateStatus.PROVISIONAL);
        assertThat(weekOld.getAmountInBase()).isEqualByComparingTo("-10.00");
        assertThat(older.getFxRateStatus()).isEqualTo(FxRateStatus.MISSING);
        assertThat(older.getAmountInBase()).isNull();
    }

    @Test
    void shouldMarkTheConversionMissingRatherThanGuess() {
        givenBaseCurrency("USD");

        EnrichedTransaction t = enrich("SJK5555555", "-100.00", "KES", DAY, "Airtime Purchase");

        assertThat(t.getFxRateStatus()).isEqualTo(FxRateStatus.MISSING);
        assertThat(t.getAmountInBase()).isNull();
        assertThat(t.getFxRate()).isNull();
    }

    @Test
    void shouldConvertNewTransactionsToANewBaseCurrencyOnceTheUserChangesIt() {
        givenBaseCurrency("KES");
        givenRate("USD", "KES", DAY, "100.0000");
        EnrichedTransaction before = enrich("SJK6666661", "-100.00", "KES", DAY, "Airtime Purchase");

        givenBaseCurrency("USD");
        EnrichedTransaction after = enrich("SJK6666662", "-100.00", "KES", DAY, "Airtime Purchase");

        assertThat(before.getBaseCurrency()).isEqualTo("KES");
        assertThat(after.getBaseCurrency()).isEqualTo("USD");
        assertThat(after.getAmountInBase()).isEqualByComparingTo("-1.00");
    }

    @Test
    void shouldLinkAFeeToItsParentTransaction() {
        givenBaseCurrency("KES");

        raw.pipeInput(user.toString(), TestData.raw(user, account, "SJK7777777:fee", "-13.00", "KES", DAY,
                "Customer Transfer of Funds Charge").setParentSourceRef("SJK7777777").build());
        EnrichedTransaction fee = enriched.readValue();

        assertThat(fee.getParentId()).isEqualTo(TransactionIds.transactionId(account, "SJK7777777").toString());
        assertThat(fee.getCategory()).isEqualTo("mobile-money-fees");
    }

    @Test
    void shouldSendAPoisonPillToTheDeadLetterTopicWithItsReasonAndKeepGoing() {
        givenBaseCurrency("KES");

        rawBytes.pipeInput(user.toString(), "definitely not avro".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(user.toString(), TestData.raw(user, account, "SJK8888888", "-10.00", "XYZ", DAY,
                "Airtime Purchase").build());
        EnrichedTransaction good = enrich("SJK9999999", "-10.00", "KES", DAY, "Airtime Purchase");

        TestRecord<String, byte[]> poison = deadLetters.readRecord();
        assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("definitely not avro");
        assertThat(new String(poison.headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("RawTransaction");
        TestRecord<String, byte[]> badCurrency = deadLetters.readRecord();
        assertThat(new String(badCurrency.headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("XYZ");
        assertThat(good.getSourceRef()).isEqualTo("SJK9999999");
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldPutARecordKeyedByItsAccountBackKeyedByItsUserAndEnrichItOnce() {
        givenBaseCurrency("KES");
        TestOutputTopic<String, byte[]> rawOut = topology.driver.createOutputTopic(Topics.RAW_TRANSACTIONS,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());

        raw.pipeInput(account.toString(), TestData.raw(user, account, "SJKA000001", "-10.00", "KES", DAY,
                "Airtime Purchase").build());

        TestRecord<String, byte[]> again = rawOut.readRecord();
        assertThat(again.key()).isEqualTo(user.toString());
        assertThat(AvroSerde.of(RawTransaction.class).deserialize(null, again.value()).getSourceRef())
                .isEqualTo("SJKA000001");
        TestRecord<String, EnrichedTransaction> out = enriched.readRecord();
        assertThat(out.key()).isEqualTo(account.toString());
        assertThat(out.value().getSourceRef()).isEqualTo("SJKA000001");
        assertThat(enriched.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepFxRatesInTheGlobalStoreKeyedByPairAndDate() {
        givenRate("USD", "KES", DAY, "101.2953");

        byte[] stored = topology.driver.<String, byte[]>getKeyValueStore(EnrichmentTopology.FX_RATES_STORE)
                .get(FxRateKey.of("USD", "KES", DAY));

        assertThat(AvroSerde.of(FxRate.class).deserialize(null, stored).getRate()).isEqualByComparingTo("101.2953");
    }
}
