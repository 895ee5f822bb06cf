package com.personifi.schemas.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/** Finds the latest published rate of a currency pair on or before a date. */
@FunctionalInterface
public interface RateLookup {

    /** One unit of base is worth {@code rate} units of quote, as published for {@code date}. */
    record PublishedRate(BigDecimal rate, LocalDate date) {
    }

    Optional<PublishedRate> latestOnOrBefore(String base, String quote, LocalDate date);
}
