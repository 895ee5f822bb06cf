package com.personifi.api.dashboard;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A month of a user's money in their base currency. Amounts are decimal strings, exact to the currency's minor unit.
 *
 * @param spending         money out, as a positive amount
 * @param unconvertedCount transactions left out because no exchange rate to the base currency was known yet
 */
public record Dashboard(String month, String currency, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal income,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal spending,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal net,
                        List<CategorySpending> byCategory, int transactionCount, int unconvertedCount) {

    public record CategorySpending(String category, String name,
                                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }
}
