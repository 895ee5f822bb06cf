package com.personifi.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import com.personifi.schemas.money.Money;
import org.junit.jupiter.api.Test;

class MoneyUnitTest {

    @Test
    void roundsHalfEvenToEachCurrencysMinorUnit() {
        assertThat(Money.of("10.125", "KES").rounded().amount()).isEqualByComparingTo("10.12");
        assertThat(Money.of("10.135", "KES").rounded().amount()).isEqualByComparingTo("10.14");
        assertThat(Money.of("2500.5", "UGX").rounded().amount()).isEqualByComparingTo("2500");
        assertThat(Money.of("1.0005", "BHD").rounded().amount()).isEqualByComparingTo("1.000");
        assertThat(Money.of("1.0015", "BHD").rounded().amount().scale()).isEqualTo(3);
    }

    @Test
    void refusesToStoreAnAmountLargerThanNumeric19x4WithoutSpellingItOut() {
        assertThat(Money.atStorageScale(new java.math.BigDecimal("999999999999999.9999")))
                .isEqualByComparingTo("999999999999999.9999");
        assertThatThrownBy(() -> Money.atStorageScale(new java.math.BigDecimal("1000000000000000")))
                .isInstanceOf(ArithmeticException.class);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () ->
                assertThatThrownBy(() -> Money.atStorageScale(new java.math.BigDecimal("1E+999999999")))
                        .isInstanceOf(ArithmeticException.class));
    }

    @Test
    void refusesToAddDifferentCurrencies() {
        assertThatThrownBy(() -> Money.of("1", "KES").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToDropDigitsWhenScalingForStorage() {
        assertThat(Money.atStorageScale(new BigDecimal("12.5"))).isEqualTo(new BigDecimal("12.5000"));
        assertThatThrownBy(() -> Money.atStorageScale(new BigDecimal("0.00001")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void rejectsUnknownCurrencyCodes() {
        assertThatThrownBy(() -> Money.of("1", "KSH")).hasMessageContaining("KSH");
    }
}
