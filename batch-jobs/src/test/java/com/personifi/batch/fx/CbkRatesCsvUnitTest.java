package com.personifi.batch.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class CbkRatesCsvUnitTest {

    private final List<PublishedRate> rates = CbkRatesCsv.read(new InputStreamReader(
            Objects.requireNonNull(getClass().getResourceAsStream("/fx/cbk-sample.csv")), StandardCharsets.UTF_8));

    private PublishedRate rate(String base, String quote, LocalDate date) {
        return rates.stream().filter(r -> r.base().equals(base) && r.quote().equals(quote) && r.date().equals(date))
                .findFirst().orElseThrow();
    }

    @Test
    void readsForeignCurrenciesPricedInShillings() {
        assertThat(rate("USD", "KES", LocalDate.of(2016, 10, 11)).rate()).isEqualByComparingTo("101.2847");
        assertThat(rate("EUR", "KES", LocalDate.of(2016, 10, 13)).rate()).isEqualByComparingTo("112.2600");
        assertThat(rate("GBP", "KES", LocalDate.of(2016, 10, 13)).rate()).isEqualByComparingTo("124.1928");
    }

    @Test
    void readsEastAfricanCurrenciesAsShillingsPricedInThem() {
        assertThat(rate("KES", "UGX", LocalDate.of(2016, 10, 11)).rate()).isEqualByComparingTo("33.6379");
        assertThat(rate("KES", "TZS", LocalDate.of(2016, 10, 13)).rate()).isEqualByComparingTo("21.5509");
        // the older spelling without spaces, in DD/MM/YYYY
        assertThat(rate("KES", "UGX", LocalDate.of(2007, 8, 6)).rate()).isEqualByComparingTo("26.4529");
    }

    @Test
    void turnsTheHundredYenQuoteIntoAPerYenRate() {
        assertThat(rate("JPY", "KES", LocalDate.of(2016, 10, 11)).rate()).isEqualByComparingTo("0.977463");
    }

    @Test
    void readsBothDateLayoutsOfTheSameDayAsOneDay() {
        // 11/10/2016 (DD/MM/YYYY) and 2016-10-11 rows describe the same day
        assertThat(rates.stream().filter(r -> r.base().equals("AED")).map(PublishedRate::date)
                .collect(Collectors.toSet())).containsExactlyInAnyOrder(LocalDate.of(2016, 10, 11), LocalDate.of(2016, 10, 13));
    }

    @Test
    void keepsOneRatePerPairAndDayThoughTheFileRepeatsRows() {
        assertThat(rates.stream().map(r -> r.base() + r.quote() + r.date()).distinct().count())
                .isEqualTo(rates.size());
    }
}
