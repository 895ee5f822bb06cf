package com.personifi.api.dashboard;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.personifi.schemas.money.FxConverter;
import com.personifi.schemas.money.RateLookup;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The published rates ({@code fx_rates}) a valuation can need, read in one query: every pair among the given
 * currencies and the converter's pivots, dated from a stand-in's age before the first day to the last. Lookups are
 * then in memory, so a year of month ends costs no query each.
 */
final class PublishedRates implements RateLookup {

    private final Map<String, NavigableMap<LocalDate, BigDecimal>> byPair = new HashMap<>();

    private PublishedRates() {
    }

    static FxConverter converter(JdbcClient jdbc, Set<String> currencies, LocalDate first, LocalDate last) {
        PublishedRates rates = new PublishedRates();
        String[] codes = FxConverter.withPivots(currencies).toArray(String[]::new);
        jdbc.sql("""
                        SELECT base, quote, rate_date, rate FROM fx_rates
                        WHERE base = ANY (?) AND quote = ANY (?) AND rate_date BETWEEN ? AND ?""")
                .params(codes, codes, Date.valueOf(first.minusDays(FxConverter.MAX_STAND_IN_DAYS)),
                        Date.valueOf(last))
                .query((rs, row) -> rates.byPair
                        .computeIfAbsent(rs.getString(1).strip() + rs.getString(2).strip(), pair -> new TreeMap<>())
                        .put(rs.getDate(3).toLocalDate(), rs.getBigDecimal(4)))
                .list();
        return new FxConverter(rates);
    }

    @Override
    public Optional<PublishedRate> latestOnOrBefore(String base, String quote, LocalDate date) {
        NavigableMap<LocalDate, BigDecimal> pair = byPair.get(base + quote);
        Map.Entry<LocalDate, BigDecimal> found = pair == null ? null : pair.floorEntry(date);
        return found == null ? Optional.empty() : Optional.of(new PublishedRate(found.getValue(), found.getKey()));
    }
}
