package com.personifi.schemas.money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.personifi.schemas.events.FxRateStatus;

/**
 * Converts amounts to a base currency with the rate of the transaction's date: the direct pair, else its inverse,
 * else through USD, EUR or KES. A rate up to a week older than the date makes the conversion PROVISIONAL; no rate
 * that recent makes it MISSING, never a guess. (No job converts such transactions again once the day's rate is
 * published: they keep their status.)
 */
public final class FxConverter {

    /** Scale of stored rates (NUMERIC(24,10), Avro decimal(24,10)). */
    public static final int RATE_SCALE = 10;
    private static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);
    /**
     * USD and EUR, which most sources quote against; then KES, which the Central Bank of Kenya quotes every currency
     * against, so a UGX or TZS user's dollars convert with CBK's rates alone.
     */
    private static final List<String> PIVOTS = List.of("USD", "EUR", "KES");
    /**
     * How much older than the transaction a rate may be and still stand in: a weekend and a holiday or two without
     * publication. Older, it would be a guess dressed as a rate (a feed that stopped a year ago), so MISSING.
     */
    public static final int MAX_STAND_IN_DAYS = 7;

    private final RateLookup rates;

    public FxConverter(RateLookup rates) {
        this.rates = rates;
    }

    /** The currencies with the pivots a conversion among them may go through. */
    public static Set<String> withPivots(Collection<String> currencies) {
        Set<String> all = new TreeSet<>(currencies);
        all.addAll(PIVOTS);
        return all;
    }

    public Conversion convert(BigDecimal amount, String currency, String baseCurrency, LocalDate date) {
        if (currency.equals(baseCurrency)) {
            return new Conversion(Money.roundToMinorUnit(amount, Money.currency(baseCurrency)),
                    BigDecimal.ONE.setScale(RATE_SCALE), date, FxRateStatus.OFFICIAL);
        }
        Optional<Leg> leg = leg(currency, baseCurrency, date);
        for (int i = 0; leg.isEmpty() && i < PIVOTS.size(); i++) {
            String pivot = PIVOTS.get(i);
            if (!pivot.equals(currency) && !pivot.equals(baseCurrency)) {
                leg = leg(currency, pivot, date).flatMap(first -> leg(pivot, baseCurrency, date).map(first::then));
            }
        }
        return leg.map(l -> l.apply(amount, baseCurrency, date)).orElseGet(Conversion::missing);
    }

    /** Rate from one currency to another, direct or inverted, with the date of the oldest rate involved. */
    private Optional<Leg> leg(String from, String to, LocalDate date) {
        LocalDate oldest = date.minusDays(MAX_STAND_IN_DAYS);
        Optional<RateLookup.PublishedRate> direct = rates.latestOnOrBefore(from, to, date)
                .filter(r -> !r.date().isBefore(oldest));
        if (direct.isPresent()) {
            return direct.map(r -> new Leg(r.rate(), r.date()));
        }
        return rates.latestOnOrBefore(to, from, date)
                .filter(r -> !r.date().isBefore(oldest))
                .filter(r -> r.rate().signum() > 0)
                .map(r -> new Leg(BigDecimal.ONE.divide(r.rate(), PRECISION), r.date()));
    }

    private record Leg(BigDecimal rate, LocalDate rateDate) {

        Leg then(Leg next) {
            return new Leg(rate.multiply(next.rate, PRECISION),
                    rateDate.isBefore(next.rateDate) ? rateDate : next.rateDate);
        }

        Conversion apply(BigDecimal amount, String baseCurrency, LocalDate date) {
            BigDecimal stored = rate.setScale(RATE_SCALE, RoundingMode.HALF_EVEN);
            BigDecimal inBase = Money.roundToMinorUnit(amount.multiply(stored), Money.currency(baseCurrency));
            FxRateStatus status = rateDate.equals(date) ? FxRateStatus.OFFICIAL : FxRateStatus.PROVISIONAL;
            return new Conversion(inBase, stored, rateDate, status);
        }
    }
}
