package com.personifi.ingest.statement.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateNotationTest {

    @ParameterizedTest(name = "{1} with {0}")
    @CsvSource(delimiter = '|', value = {
            "dd/MM/yyyy       | 31/01/2024       | 2024-01-31",
            "yyyy-MM-dd       | 2024-01-31       | 2024-01-31",
            "dd-MMM-yy        | 05-JAN-24        | 2024-01-05",
            "dd-MMM-yy        | 05-Jan-24        | 2024-01-05",
            "dd MMM yyyy      | 29 Feb 2024      | 2024-02-29",
            "yyyyMMdd         | 20200618         | 2020-06-18",
            "d/M/yyyy         | 3/7/2024         | 2024-07-03",
    })
    void shouldReadTheDatePatternsBanksUse(String pattern, String text, LocalDate expected) {
        DateNotation.Parsed parsed = DateNotation.of(pattern).parse(text, "Date");

        assertThat(parsed.date()).isEqualTo(expected);
        assertThat(parsed.bookedAt()).isNull();
    }

    @Test
    void shouldKeepTheTimeWhenTheCellHasOne() {
        DateNotation withTime = DateNotation.of("dd.MM.yyyy HH:mm");
        DateNotation optionalTime = DateNotation.of("dd/MM/yyyy[ HH:mm[:ss]]");

        assertThat(withTime.parse("31.01.2024 13:05", "Date").bookedAt())
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 13, 5));
        assertThat(optionalTime.parse("31/01/2024 13:05:09", "Date").bookedAt())
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 13, 5, 9));
        assertThat(optionalTime.parse("31/01/2024", "Date").bookedAt()).isNull();
    }

    @Test
    void shouldRefuseADateTheBankCannotHavePrintedRatherThanMoveIt() {
        DateNotation notation = DateNotation.of("dd/MM/yyyy");

        assertThatThrownBy(() -> notation.parse("31/02/2024", "Value Date"))
                .hasMessage("Value Date '31/02/2024' is not a date like dd/MM/yyyy");
        assertThatThrownBy(() -> notation.parse("2024-02-01", "Value Date"))
                .hasMessage("Value Date '2024-02-01' is not a date like dd/MM/yyyy");
        assertThatThrownBy(() -> notation.parse("1".repeat(80), "Value Date"))
                .hasMessageEndingWith("…' is too long to be a date");
    }

    @Test
    void shouldRefusePatternsThatDoNotGiveAWholeDate() {
        assertThatThrownBy(() -> DateNotation.of("MM/yyyy")).hasMessageContaining("does not give a whole date");
        assertThatThrownBy(() -> DateNotation.of("HH:mm")).hasMessageContaining("does not give a whole date");
        assertThatThrownBy(() -> DateNotation.of("dd/MM/yyyy XXX")).hasMessageContaining("does not give a whole date");
        assertThatThrownBy(() -> DateNotation.of("dd/MM/yyyy {")).hasMessageContaining("is not a date pattern");
    }
}
