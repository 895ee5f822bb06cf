package com.personifi.schemas.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import com.personifi.schemas.events.FxRateStatus;
import org.junit.jupiter.api.Test;

class FxConverterUnitTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 14);

    private static FxConverter with(String base, String quote, String rate) {
        return new FxConverter((b, q, d) -> b.equals(base) && q.equals(quote)
                ? Optional.of(new RateLookup.PublishedRate(new BigDecimal(rate), DAY)) : Optional.empty());
    }

    @Test
    void roundsHalfEvenToTheBaseCurrencysMinorUnit() {
        FxConverter converter = with("USD", "KES", "129.0000");

        // 1.005 USD at 129 = 129.645 → 129.64 (half-even keeps the even digit)
        assertThat(converter.convert(new BigDecimal("1.005"), "USD", "KES", DAY).amountInBase())
                .isEqualByComparingTo("129.64");
        assertThat(converter.convert(new BigDecimal("1.015"), "USD", "KES", DAY).amountInBase())
                .isEqualByComparingTo("130.94");
    }

    @Test
    void keepsTheSameCurrencyAtRateOneRoundedToItsMinorUnit() {
        Conversion c = with("X", "Y", "1").convert(new BigDecimal("10.005"), "BHD", "BHD", DAY);

        assertThat(c.amountInBase()).isEqualByComparingTo("10.005");
        assertThat(c.rate()).isEqualByComparingTo("1");
        assertThat(c.status()).isEqualTo(FxRateStatus.OFFICIAL);
    }

    @Test
    void convertsWithTheStoredTenDecimalRateSoTheAmountCanBeRecomputedFromIt() {
        Conversion c = with("USD", "KES", "101.2953").convert(new BigDecimal("-999999999.99"), "KES", "USD", DAY);

        assertThat(c.rate()).isEqualByComparingTo("0.0098721263");
        // × the stored rate gives -9872126.30; dividing by 101.2953 directly would give -9872126.35
        assertThat(c.amountInBase()).isEqualByComparingTo("-9872126.30");
    }
}
