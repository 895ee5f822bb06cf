package com.personifi.api.recurring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ScheduleUnitTest {

    @Test
    void monthlyFromTheThirtyFirstFallsOnMonthEndsWithoutDrifting() {
        Schedule rent = new Schedule("MONTHLY", 1, LocalDate.parse("2024-01-31"), null);
        assertThat(rent.firstOnOrAfter(LocalDate.parse("2024-02-01"))).isEqualTo("2024-02-29");
        assertThat(rent.firstOnOrAfter(LocalDate.parse("2024-03-01"))).isEqualTo("2024-03-31");
        assertThat(rent.firstOnOrAfter(LocalDate.parse("2024-04-15"))).isEqualTo("2024-04-30");
    }

    @Test
    void theStartIsTheFirstOccurrenceAndTheIntervalSpacesTheRest() {
        Schedule everyOtherWeek = new Schedule("WEEKLY", 2, LocalDate.parse("2024-05-06"), null);
        assertThat(everyOtherWeek.firstOnOrAfter(LocalDate.parse("2024-01-01"))).isEqualTo("2024-05-06");
        assertThat(everyOtherWeek.firstOnOrAfter(LocalDate.parse("2024-05-06"))).isEqualTo("2024-05-06");
        assertThat(everyOtherWeek.firstOnOrAfter(LocalDate.parse("2024-05-07"))).isEqualTo("2024-05-20");
        Schedule everyThreeDays = new Schedule("DAILY", 3, LocalDate.parse("2024-05-01"), null);
        assertThat(everyThreeDays.firstOnOrAfter(LocalDate.parse("2024-05-05"))).isEqualTo("2024-05-07");
        Schedule yearly = new Schedule("YEARLY", 1, LocalDate.parse("2020-02-29"), null);
        assertThat(yearly.firstOnOrAfter(LocalDate.parse("2021-03-01"))).isEqualTo("2022-02-28");
        assertThat(yearly.firstOnOrAfter(LocalDate.parse("2023-03-01"))).isEqualTo("2024-02-29");
    }

    @Test
    void nothingFallsDueAfterTheEndDate() {
        Schedule quarterly = new Schedule("MONTHLY", 3, LocalDate.parse("2024-01-15"), LocalDate.parse("2024-07-15"));
        assertThat(quarterly.firstOnOrAfter(LocalDate.parse("2024-07-15"))).isEqualTo("2024-07-15");
        assertThat(quarterly.firstOnOrAfter(LocalDate.parse("2024-07-16"))).isNull();
    }

    @Test
    void theNextOccurrenceSkipsWhatWasAlreadyBooked() {
        Schedule daily = new Schedule("DAILY", 1, LocalDate.parse("2024-05-01"), null);
        LocalDate today = LocalDate.parse("2024-05-10");
        assertThat(RecurringChanges.nextOccurrence(daily, today, null)).isEqualTo("2024-05-10");
        assertThat(RecurringChanges.nextOccurrence(daily, today, today)).isEqualTo("2024-05-11");
        assertThat(RecurringChanges.nextOccurrence(daily, today, LocalDate.parse("2024-05-03"))).isEqualTo("2024-05-10");
    }
}
