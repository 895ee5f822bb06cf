package com.personifi.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;

import com.personifi.api.web.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MonthParameterUnitTest {

    @Test
    void readsAMonthAsYearAndMonth() {
        assertThat(DashboardService.parseMonth("2024-05")).isEqualTo(YearMonth.of(2024, 5));
        assertThat(DashboardService.parseMonth("1900-01")).isEqualTo(YearMonth.of(1900, 1));
        assertThat(DashboardService.parseMonth("9999-12")).isEqualTo(YearMonth.of(9999, 12));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "2024-5", "2024-00", "2024-13", "2024-1a", "2024/05", "24-05", "1899-12",
            "+999999999-12", "10000-01", "2024-05-01", " 2024-05"})
    void refusesAnythingElseAsTheCallersMistake(String month) {
        assertThatThrownBy(() -> DashboardService.parseMonth(month)).isInstanceOf(InvalidRequestException.class);
    }
}
