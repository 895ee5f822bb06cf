package com.personifi.api.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The same periods the stream's Budget computes, case by case. */
class BudgetPeriodUnitTest {

    @Test
    void aMonthlyBudgetRunsFromItsStartDayClampedToShortMonths() {
        BudgetPeriod payday = new BudgetPeriod("CUSTOM", 31);
        LocalDate start = payday.start(LocalDate.parse("2024-02-15"));
        assertThat(start).isEqualTo("2024-01-31");
        assertThat(payday.nextStart(start)).isEqualTo("2024-02-29");
        assertThat(payday.start(LocalDate.parse("2024-02-29"))).isEqualTo("2024-02-29");
        assertThat(payday.nextStart(LocalDate.parse("2024-02-29"))).isEqualTo("2024-03-31");
        BudgetPeriod calendar = new BudgetPeriod("MONTHLY", 1);
        assertThat(calendar.start(LocalDate.parse("2024-05-31"))).isEqualTo("2024-05-01");
        assertThat(calendar.nextStart(LocalDate.parse("2024-05-01"))).isEqualTo("2024-06-01");
    }

    @Test
    void aWeeklyBudgetStartsOnItsIsoDayOfWeek() {
        BudgetPeriod fromFriday = new BudgetPeriod("WEEKLY", 5);
        assertThat(fromFriday.start(LocalDate.parse("2024-05-15"))).isEqualTo("2024-05-10");
        assertThat(fromFriday.start(LocalDate.parse("2024-05-17"))).isEqualTo("2024-05-17");
        assertThat(fromFriday.nextStart(LocalDate.parse("2024-05-17"))).isEqualTo("2024-05-24");
    }
}
