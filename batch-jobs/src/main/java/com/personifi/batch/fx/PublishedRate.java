package com.personifi.batch.fx;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One unit of {@code base} is worth {@code rate} units of {@code quote} on {@code date}, per {@code source}. */
public record PublishedRate(String base, String quote, LocalDate date, BigDecimal rate, String source) {
}
