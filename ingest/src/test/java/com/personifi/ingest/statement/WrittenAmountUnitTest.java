package com.personifi.ingest.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class WrittenAmountUnitTest {

    @Test
    void readsPlainDecimalsExactly() {
        assertThat(WrittenAmount.parse("-1234.50", "Amount", "-1,234.50")).isEqualTo(new BigDecimal("-1234.50"));
        assertThat(WrittenAmount.parse("+7", "Amount", "+7")).isEqualTo(new BigDecimal("7"));
        assertThat(WrittenAmount.parse("9.", "Amount", "9,")).isEqualTo(new BigDecimal("9"));
        assertThat(WrittenAmount.parse(".5", "Amount", ".5")).isEqualTo(new BigDecimal("0.5"));
    }

    @Test
    void refusesAnExponentWithoutBuildingTheNumberItStandsFor() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
                assertThatThrownBy(() -> WrittenAmount.parse("1E999999999", "Paid In", "1E999999999"))
                        .isInstanceOf(NumberFormatException.class)
                        .hasMessage("Paid In '1E999999999' is not an amount"));
    }

    @Test
    void refusesARunOfDigitsLongerThanAnyAmountWithoutReadingIt() {
        String digits = "9".repeat(1_000_000);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
                assertThatThrownBy(() -> WrittenAmount.parse(digits, "TRNAMT", digits))
                        .isInstanceOf(NumberFormatException.class)
                        .hasMessage("TRNAMT '999999999999999999999999… (1000000 characters)' is too long to be an "
                                + "amount"));
    }

    @Test
    void refusesTextThatIsNotPlainDigits() {
        for (String text : new String[] {"", "-", ".", "1.2.3", "1,000", "NaN", "0x10", " 1"}) {
            assertThatThrownBy(() -> WrittenAmount.parse(text, "Amount", text))
                    .as(text).isInstanceOf(NumberFormatException.class).hasMessageEndingWith("is not an amount");
        }
    }
}
