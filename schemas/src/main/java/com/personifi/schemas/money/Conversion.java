package com.personifi.schemas.money;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.personifi.schemas.events.FxRateStatus;

/**
 * An amount converted to a base currency. {@code amountInBase} is exactly {@code amount × rate} rounded HALF_EVEN to
 * the base currency's minor unit, so anyone can recompute it from the stored rate.
 *
 * @param rate     units of base currency per unit of the transaction's currency, 10 decimal places; null if MISSING
 * @param rateDate date of the (oldest) published rate used; null if MISSING
 */
public record Conversion(BigDecimal amountInBase, BigDecimal rate, LocalDate rateDate, FxRateStatus status) {

    public static Conversion missing() {
        return new Conversion(null, null, null, FxRateStatus.MISSING);
    }
}
