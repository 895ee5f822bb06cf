package com.personifi.api.recurring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Money that moves on a schedule, such as rent on the 1st or a weekly chama contribution.
 *
 * @param accountId one of the user's accounts
 * @param amount    signed from the account's point of view (money out negative), not zero, in the account's
 *                  currency with at most its minor units
 * @param category  the category its transactions get (built-in or the user's own); the categorizer decides when
 *                  left out
 * @param cadence   DAILY, WEEKLY, MONTHLY or YEARLY
 * @param interval  every how many days, weeks, months or years (default 1)
 * @param startDate the first occurrence
 * @param endDate   the last day an occurrence may fall on; none for no end
 */
record RecurringDefinition(@NotNull UUID accountId,
                           @NotNull @Digits(integer = 15, fraction = 4) BigDecimal amount,
                           @NotBlank @Size(max = 500) String description,
                           @Size(max = 200) String counterparty,
                           @Size(max = 64) String category,
                           @NotNull @Pattern(regexp = "^(DAILY|WEEKLY|MONTHLY|YEARLY)$",
                                   message = "must be DAILY, WEEKLY, MONTHLY or YEARLY") String cadence,
                           @Min(1) @Max(366) Integer interval,
                           @NotNull LocalDate startDate,
                           LocalDate endDate) {
}
