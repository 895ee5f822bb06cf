package com.personifi.ingest.statement.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountNotationTest {

    private static final AmountNotation POINT_COMMA = new AmountNotation(".", ",");
    private static final AmountNotation COMMA_SPACE = new AmountNotation(",", " ");
    private static final AmountNotation COMMA_POINT = new AmountNotation(",", ".");
    private static final AmountNotation POINT_APOSTROPHE = new AmountNotation(".", "'");
    private static final AmountNotation POINT_NONE = new AmountNotation(".", "");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "1,234.50            | 1234.50  | false",
            "-1,234.50           | -1234.50 | false",
            "+50                 | 50       | false",
            "(1,234.50)          | -1234.50 | false",
            "1234.50-            | -1234.50 | false",
            "1,234.50 CR         | 1234.50  | true",
            "1,234.50 DR         | -1234.50 | true",
            "80.00Dr             | -80.00   | true",
            "80.00 cr.           | 80.00    | true",
            "(80.00) CR          | ERROR    | ",
            "KES 1,234.50        | 1234.50  | false",
            "KES -12.00          | -12.00   | false",
            "-KSh 12.00          | -12.00   | false",
            "KES (1,234.50)      | -1234.50 | false",
            "₦25,000.00          | 25000.00 | false",
            "GH₵ 1,000.00        | 1000.00  | false",
            "US$ 19.99           | 19.99    | false",
            "-R 30,000.00        | -30000.00| false",
            "R-50.00             | -50.00   | false",
            "1,000,000           | 1000000  | false",
            "100 IDR             | 100      | false",
            "DR 45.00            | -45.00   | true",
            "12                  | 12       | false",
            "0.00                | 0.00     | false",
    })
    void shouldReadTheNotationsBanksUse(String text, String expected, Boolean marked) {
        if (expected.equals("ERROR")) {
            assertThatThrownBy(() -> POINT_COMMA.read(text, "Amount")).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        AmountNotation.Reading reading = POINT_COMMA.read(text, "Amount");

        assertThat(reading.value()).isEqualTo(new BigDecimal(expected));
        assertThat(reading.marked()).isEqualTo(marked);
    }

    @Test
    void shouldReadDecimalCommasWithSpacesOrNoBreakSpacesOrPointsBetweenThousands() {
        assertThat(COMMA_SPACE.read("1 250 000,00", "Solde").value()).isEqualTo(new BigDecimal("1250000.00"));
        assertThat(COMMA_SPACE.read("327\u00a0978,50", "Crédit").value()).isEqualTo(new BigDecimal("327978.50"));
        assertThat(COMMA_SPACE.read("1\u202f000,5 XOF", "Crédit").value()).isEqualTo(new BigDecimal("1000.5"));
        assertThat(COMMA_POINT.read("-1.234.567,89", "Betrag").value()).isEqualTo(new BigDecimal("-1234567.89"));
        assertThat(POINT_APOSTROPHE.read("1'234.50", "Amount").value()).isEqualTo(new BigDecimal("1234.50"));
        assertThat(POINT_NONE.read("  -1234.5  ", "Amount").value()).isEqualTo(new BigDecimal("-1234.5"));
    }

    @Test
    void shouldGiveNothingForABlankCell() {
        assertThat(POINT_COMMA.read("   ", "Debit")).isNull();
        assertThat(POINT_COMMA.read(null, "Debit")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "1.234,56   | Amount '1.234,56' is not an amount like 1,234.56",
            "1,23       | Amount '1,23' is not an amount like 1,234.56",
            "12a        | Amount '12a' is not an amount like 1,234.56",
            "1.2.3      | Amount '1.2.3' is not an amount like 1,234.56",
            "12.        | Amount '12.' is not an amount like 1,234.56",
            "abc        | Amount 'abc' is not an amount like 1,234.56",
            "-(5.00)    | Amount '-(5.00)' has more than one sign (minus, parentheses, CR/DR), so which way the money went is unclear",
            "-5.00 DR   | Amount '-5.00 DR' has more than one sign (minus, parentheses, CR/DR), so which way the money went is unclear",
            "1.23456    | Amount '1.23456' has more than 4 decimal places",
            "1234567890123456 | Amount '1234567890123456' is too large",
    })
    void shouldRefuseWhatItCannotReadSayingWhyAndWhere(String text, String reason) {
        assertThatThrownBy(() -> POINT_COMMA.read(text, "Amount"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }

    @Test
    void shouldDropZerosPastFourDecimalsAndRefuseACellTooLongToBeAnAmount() {
        assertThat(POINT_COMMA.read("1.230000", "Amount").value()).isEqualTo(new BigDecimal("1.2300"));
        assertThatThrownBy(() -> POINT_COMMA.read("1".repeat(100), "Amount"))
                .hasMessageEndingWith("…' is too long to be an amount");
    }
}
