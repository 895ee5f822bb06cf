package com.personifi.api.budgets;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A spending limit for one category per period.
 *
 * @param category   the category it watches (built-in or the user's own); only that category, not its children,
 *                   as the stream counts it
 * @param amount     the limit, above zero, with at most the currency's minor units
 * @param currency   ISO 4217; the user's base currency when left out. Spending counts in this currency only, so
 *                   it should be the base currency
 * @param period     MONTHLY (default), WEEKLY, or CUSTOM (a month starting on {@code startDay}, such as payday)
 * @param startDay   MONTHLY and CUSTOM: day of the month the period starts, 1–31 (clamped to short months);
 *                   WEEKLY: ISO day of the week, 1 (Monday) – 7. Default 1
 * @param thresholds percentages of the limit at which to alert, ascending, each 1–1000; default 50, 80, 100
 */
record BudgetDefinition(@NotBlank @Size(max = 64) String category,
                        @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount,
                        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code like KES") String currency,
                        @Pattern(regexp = "^(MONTHLY|WEEKLY|CUSTOM)$", message = "must be MONTHLY, WEEKLY or CUSTOM")
                        String period,
                        @Min(1) @Max(31) Integer startDay,
                        @Size(min = 1, max = 10) List<@NotNull @Min(1) @Max(1000) Integer> thresholds) {

    static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 100);
}
