package com.personifi.api.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.personifi.api.auth.Users;
import com.personifi.api.web.InvalidRequestException;
import com.personifi.api.web.NotFoundException;
import com.personifi.schemas.money.FxConverter;
import com.personifi.schemas.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The dashboard's other views, all in the user's base currency and months of the user's time zone: cash flow by
 * month, net worth over time, top counterparties, currency exposure. Each is cached per user and data version.
 */
@Service
public class DashboardViews {

    /** At most this many months in one cash-flow or net-worth answer. */
    static final int MAX_MONTHS = 36;

    public record CashFlow(String currency, List<MonthFlow> months) {
    }

    /**
     * @param unconvertedCount transactions of the month left out: converted to an earlier base currency, or not at
     *                         all for want of a rate
     */
    public record MonthFlow(String month, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal income,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal spending,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal net, int transactionCount,
                            int unconvertedCount) {
    }

    /** What each account held at the end of each month, and the total in base currency. */
    public record NetWorth(String currency, List<NetWorthPoint> points) {
    }

    /**
     * @param accounts            each account's balance in its own currency, and, right after it, any money its rows
     *                            moved in another currency, as an entry of that currency
     * @param unconvertedAccounts entries of {@code accounts} left out of the total because no rate to the base
     *                            currency was known
     */
    public record NetWorthPoint(String month, LocalDate asOf,
                                @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
                                List<AccountWorth> accounts, int unconvertedAccounts) {
    }

    public record AccountWorth(UUID accountId, String name, String currency,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal inBase) {
    }

    public record TopCounterparties(String month, String currency, List<CounterpartySpending> items) {
    }

    /** @param amount money out to this counterparty, as a positive amount */
    public record CounterpartySpending(String counterparty,
                                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
                                       int transactionCount) {
    }

    /** Today's balances grouped by the currency they are held in. */
    public record CurrencyExposure(String currency, List<Exposure> items) {
    }

    /** @param sharePercent of everything held, in base currency; null when no rate was known */
    public record Exposure(String currency, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal inBase,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal sharePercent) {
    }

    /** One month's sums as the database gives them, before rounding. */
    private record MonthTotals(BigDecimal income, BigDecimal spending, int count) {
    }

    /**
     * An account's money in one currency: its own, or another that some of its rows were booked in (an OFX
     * transaction's {@code CURRENCY}), which it holds beside its own, never added to it.
     */
    private record Holding(UUID accountId, String name, String currency, BigDecimal balance, BigDecimal rate) {

        /**
         * At the rate published for {@code asOf} (or standing in for it), as the stream would convert that day;
         * where none is known, at the rate of the account's latest row in that currency.
         */
        Holding valuedAt(FxConverter rates, String base, LocalDate asOf) {
            if (currency.equals(base)) {
                return this;
            }
            BigDecimal published = rates.convert(BigDecimal.ONE, currency, base, asOf).rate();
            return published == null ? this : new Holding(accountId, name, currency, balance, published);
        }
    }

    private final JdbcClient jdbc;
    private final Users users;
    private final DashboardCache cache;
    private final Clock clock = Clock.systemUTC();

    DashboardViews(JdbcClient jdbc, Users users, DashboardCache cache) {
        this.jdbc = jdbc;
        this.users = users;
        this.cache = cache;
    }

    public CashFlow cashFlow(UUID userId, String from, String to) {
        List<YearMonth> months = months(from, to);
        return cache.get(userId, "cash-flow:" + from + ":" + to, CashFlow.class, () -> {
            Users.User user = user(userId);
            ZoneId zone = ZoneId.of(user.timeZone());
            String base = user.baseCurrency();
            // one pass: each row falls in the month whose start is the last at or before it (width_bucket: 1 for
            // the first month; its thresholds converted once, in a sub-select, not for every row); a row converted
            // to an earlier base currency, or not at all, is only counted
            String[] monthStarts = months.stream().map(month -> start(month, zone).toInstant().toString())
                    .toArray(String[]::new);
            Map<Integer, MonthTotals> byMonth = new HashMap<>();
            Map<Integer, Integer> unconverted = new HashMap<>();
            jdbc.sql("""
                            SELECT width_bucket(occurred_at, (SELECT ?::timestamptz[])),
                                   coalesce(sum(amount_in_base) FILTER (WHERE base_currency = ? AND amount_in_base > 0
                                            AND category IS DISTINCT FROM ?), 0),
                                   coalesce(-sum(amount_in_base) FILTER (WHERE base_currency = ? AND amount_in_base < 0
                                            AND category IS DISTINCT FROM ?), 0),
                                   count(*) FILTER (WHERE base_currency = ? AND amount_in_base IS NOT NULL),
                                   count(*) FILTER (WHERE base_currency <> ? OR amount_in_base IS NULL)
                            FROM transactions
                            WHERE user_id = ? AND deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?
                            GROUP BY 1""")
                    .params(monthStarts, base, DashboardService.OWN_TRANSFERS, base, DashboardService.OWN_TRANSFERS,
                            base, base, userId, start(months.get(0), zone),
                            start(months.get(months.size() - 1).plusMonths(1), zone))
                    .query((rs, row) -> {
                        int month = rs.getInt(1) - 1;
                        byMonth.put(month, new MonthTotals(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getInt(4)));
                        unconverted.put(month, rs.getInt(5));
                        return null;
                    })
                    .list();
            List<MonthFlow> flows = new ArrayList<>();
            for (int i = 0; i < months.size(); i++) {
                MonthTotals totals = byMonth.getOrDefault(i, new MonthTotals(BigDecimal.ZERO, BigDecimal.ZERO, 0));
                flows.add(new MonthFlow(months.get(i).toString(), minor(totals.income(), base),
                        minor(totals.spending(), base), minor(totals.income().subtract(totals.spending()), base),
                        totals.count(), unconverted.getOrDefault(i, 0)));
            }
            return new CashFlow(base, flows);
        });
    }

    /**
     * Each account's balance at each month's end: the running balance its latest statement row stated, or, for
     * accounts whose sources state none, the sum of its movements. Converted to the base currency at the rate
     * published for that month's end (today, for the month still running), so money held abroad is revalued month by
     * month; where no rate that recent is known, at the rate of the account's latest row.
     */
    public NetWorth netWorth(UUID userId, String from, String to) {
        List<YearMonth> months = months(from, to);
        return cache.get(userId, "net-worth:" + from + ":" + to, NetWorth.class, () -> {
            Users.User user = user(userId);
            ZoneId zone = ZoneId.of(user.timeZone());
            String base = user.baseCurrency();
            LocalDate today = LocalDate.now(clock.withZone(zone));
            List<Timestamp> ends = months.stream().map(month -> start(month.plusMonths(1), zone)).toList();
            List<Map<Held, BigDecimal>> movedBefore = movementsBefore(userId, ends);
            List<List<Holding>> held = new ArrayList<>();
            for (int i = 0; i < months.size(); i++) {
                held.add(holdings(userId, base, ends.get(i).toInstant(), movedBefore.get(i)));
            }
            List<LocalDate> asOf = months.stream()
                    .map(month -> month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth()).toList();
            FxConverter rates = publishedRates(base, held, asOf.get(0), asOf.get(asOf.size() - 1));
            List<NetWorthPoint> points = new ArrayList<>();
            for (int i = 0; i < months.size(); i++) {
                LocalDate day = asOf.get(i);
                points.add(point(months.get(i).toString(), months.get(i).atEndOfMonth(),
                        held.get(i).stream().map(h -> h.valuedAt(rates, base, day)).toList(), base));
            }
            return new NetWorth(base, points);
        });
    }

    public TopCounterparties topCounterparties(UUID userId, String month, int limit) {
        YearMonth yearMonth = DashboardService.parseMonth(month);
        if (limit < 1 || limit > 50) {
            throw new InvalidRequestException("limit must be between 1 and 50");
        }
        return cache.get(userId, "top-counterparties:" + yearMonth + ":" + limit, TopCounterparties.class, () -> {
            Users.User user = user(userId);
            ZoneId zone = ZoneId.of(user.timeZone());
            String base = user.baseCurrency();
            // the counterparty where the source named one, else the description, which then names the other party
            List<CounterpartySpending> items = jdbc.sql("""
                            SELECT coalesce(nullif(btrim(counterparty), ''), description) AS party,
                                   -sum(amount_in_base), count(*)
                            FROM transactions
                            WHERE user_id = ? AND deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?
                              AND base_currency = ? AND amount_in_base < 0 AND category IS DISTINCT FROM ?
                            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?""")
                    .params(userId, start(yearMonth, zone), start(yearMonth.plusMonths(1), zone), base,
                            DashboardService.OWN_TRANSFERS, limit)
                    .query((rs, row) -> new CounterpartySpending(rs.getString(1), minor(rs.getBigDecimal(2), base),
                            rs.getInt(3)))
                    .list();
            return new TopCounterparties(yearMonth.toString(), base, items);
        });
    }

    public CurrencyExposure currencyExposure(UUID userId) {
        return cache.get(userId, "currency-exposure", CurrencyExposure.class, () -> {
            Users.User user = user(userId);
            String base = user.baseCurrency();
            Map<String, BigDecimal[]> byCurrency = new LinkedHashMap<>();
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, ZoneId.of(user.timeZone()));
            List<Holding> held = holdings(userId, base, now,
                    movementsBefore(userId, List.of(Timestamp.from(now))).get(0));
            FxConverter rates = publishedRates(base, List.of(held), today, today);
            for (Holding h : held.stream().map(h -> h.valuedAt(rates, base, today)).toList()) {
                BigDecimal[] sums = byCurrency.computeIfAbsent(h.currency(), c -> new BigDecimal[] {BigDecimal.ZERO,
                        BigDecimal.ZERO});
                sums[0] = sums[0].add(h.balance());
                // an account with nothing in it needs no rate; one with money but no rate leaves its currency unknown
                if (h.rate() != null) {
                    sums[1] = sums[1] == null ? null : sums[1].add(h.balance().multiply(h.rate()));
                } else if (h.balance().signum() != 0) {
                    sums[1] = null;
                }
            }
            BigDecimal total = byCurrency.values().stream().map(s -> s[1]).filter(v -> v != null)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            List<Exposure> items = new ArrayList<>();
            byCurrency.forEach((currency, sums) -> items.add(new Exposure(currency, minor(sums[0], currency),
                    sums[1] == null ? null : minor(sums[1], base),
                    sums[1] == null || total.signum() == 0 ? null
                            : sums[1].multiply(BigDecimal.valueOf(100)).divide(total, 2, RoundingMode.HALF_EVEN))));
            items.sort(Comparator.comparing((Exposure e) -> e.inBase() == null ? BigDecimal.ZERO : e.inBase().abs())
                    .reversed().thenComparing(Exposure::currency));
            return new CurrencyExposure(base, items);
        });
    }

    /** An account and a currency its rows were booked in. */
    private record Held(UUID accountId, String currency) {
    }

    /**
     * For each of {@code ends} (ascending), every account's movements before it, by the currency they were booked
     * in: one pass over the user's rows, each summed into the period it falls in, then added up period by period.
     */
    private List<Map<Held, BigDecimal>> movementsBefore(UUID userId, List<Timestamp> ends) {
        List<Map<Held, BigDecimal>> before = new ArrayList<>();
        for (int i = 0; i < ends.size(); i++) {
            before.add(new HashMap<>());
        }
        // width_bucket: 0 before the first end, i between the i-th and the next; the thresholds are converted once
        // (a sub-select), not for every row
        jdbc.sql("""
                        SELECT account_id, currency, width_bucket(occurred_at, (SELECT ?::timestamptz[])) AS period,
                               sum(amount)
                        FROM transactions
                        WHERE user_id = ? AND deleted_at IS NULL AND occurred_at < ?
                        GROUP BY 1, 2, 3""")
                .params(ends.stream().map(end -> end.toInstant().toString()).toArray(String[]::new), userId,
                        ends.get(ends.size() - 1))
                .query((rs, row) -> {
                    Held held = new Held(rs.getObject(1, UUID.class), rs.getString(2).strip());
                    BigDecimal amount = rs.getBigDecimal(4);
                    // a period's movements count before every end after it
                    for (int i = rs.getInt(3); i < ends.size(); i++) {
                        before.get(i).merge(held, amount, BigDecimal::add);
                    }
                    return null;
                })
                .list();
        return before;
    }

    /**
     * Every account of the user with its balance just before {@code end}: the last balance its rows stated plus
     * whatever moved after that row (a manual entry states none), or, for an account no row states a balance for, the
     * sum of its movements ({@code movedBefore}, from {@link #movementsBefore}). The rate is the latest row's, when
     * that row was converted to today's base currency. A balance is stated in the account's own currency, so only
     * rows in that currency take part in it; money an account's rows moved in another currency is a holding of its
     * own, right after the account's.
     */
    private List<Holding> holdings(UUID userId, String base, Instant end, Map<Held, BigDecimal> movedBefore) {
        Timestamp before = Timestamp.from(end);
        List<Holding> own = jdbc.sql("""
                        SELECT a.id, a.name, a.currency, stated.balance,
                               CASE WHEN stated.balance IS NOT NULL
                                    THEN (SELECT coalesce(sum(t.amount), 0) FROM transactions t
                                          WHERE t.user_id = a.user_id AND t.account_id = a.id
                                            AND t.currency = a.currency
                                            AND t.deleted_at IS NULL AND t.occurred_at > stated.occurred_at
                                            AND t.occurred_at < ?)
                               END AS movements,
                               latest.rate
                        FROM accounts a
                        LEFT JOIN LATERAL (
                            SELECT t.balance, t.occurred_at FROM transactions t
                            WHERE t.user_id = a.user_id AND t.account_id = a.id AND t.deleted_at IS NULL
                              AND t.balance IS NOT NULL AND t.currency = a.currency
                              AND t.occurred_at = (SELECT max(m.occurred_at) FROM transactions m
                                                   WHERE m.account_id = a.id AND m.user_id = a.user_id
                                                     AND m.deleted_at IS NULL AND m.balance IS NOT NULL
                                                     AND m.currency = a.currency AND m.occurred_at < ?)
                            -- rows stated at one instant (a date-only statement's day, a payment and its fee):
                            -- the last is the one no other row of that instant goes on from (its balance less its
                            -- amount being this one's balance); failing that, a fee after its parent
                            ORDER BY EXISTS (SELECT 1 FROM transactions n
                                             WHERE n.account_id = t.account_id AND n.user_id = t.user_id
                                               AND n.occurred_at = t.occurred_at AND n.id <> t.id
                                               AND n.deleted_at IS NULL AND n.balance - n.amount = t.balance),
                                     (t.parent_id IS NOT NULL) DESC, t.id DESC
                            LIMIT 1) stated ON true
                        LEFT JOIN LATERAL (
                            SELECT CASE WHEN t.base_currency = ? THEN t.fx_rate END AS rate FROM transactions t
                            WHERE t.user_id = a.user_id AND t.account_id = a.id AND t.deleted_at IS NULL
                              AND t.currency = a.currency AND t.occurred_at < ?
                            ORDER BY t.occurred_at DESC, t.id DESC
                            LIMIT 1) latest ON true
                        WHERE a.user_id = ? AND a.deleted_at IS NULL
                        ORDER BY a.created_at, a.id""")
                .params(before, before, base, before, userId)
                .query((rs, row) -> {
                    String currency = rs.getString(3).strip();
                    BigDecimal stated = rs.getBigDecimal(4);
                    UUID account = rs.getObject(1, UUID.class);
                    BigDecimal movements = stated != null ? rs.getBigDecimal(5)
                            : movedBefore.getOrDefault(new Held(account, currency), BigDecimal.ZERO);
                    BigDecimal rate = currency.equals(base) ? BigDecimal.ONE : rs.getBigDecimal(6);
                    return new Holding(account, rs.getString(2), currency,
                            stated == null ? movements : stated.add(movements), rate);
                })
                .list();
        Map<UUID, Holding> byAccount = new HashMap<>();
        own.forEach(h -> byAccount.put(h.accountId(), h));
        List<Held> foreign = movedBefore.keySet().stream()
                .filter(held -> byAccount.containsKey(held.accountId())
                        && !held.currency().equals(byAccount.get(held.accountId()).currency()))
                .sorted(Comparator.comparing(Held::currency))
                .toList();
        if (foreign.isEmpty()) {
            return own;
        }
        Map<Held, BigDecimal> latestRates = latestForeignRates(userId, base, before);
        List<Holding> all = new ArrayList<>();
        for (Holding h : own) {
            all.add(h);
            for (Held held : foreign) {
                // money that came and went again in a currency is no holding worth listing
                if (held.accountId().equals(h.accountId()) && movedBefore.get(held).signum() != 0) {
                    all.add(new Holding(h.accountId(), h.name(), held.currency(), movedBefore.get(held),
                            held.currency().equals(base) ? BigDecimal.ONE : latestRates.get(held)));
                }
            }
        }
        return all;
    }

    /** For each account and currency other than its own, the rate of its latest row booked in that currency. */
    private Map<Held, BigDecimal> latestForeignRates(UUID userId, String base, Timestamp before) {
        Map<Held, BigDecimal> rates = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (t.account_id, t.currency) t.account_id, t.currency,
                               CASE WHEN t.base_currency = ? THEN t.fx_rate END
                        FROM transactions t JOIN accounts a ON a.id = t.account_id AND a.user_id = t.user_id
                        WHERE t.user_id = ? AND t.deleted_at IS NULL AND t.occurred_at < ? AND t.currency <> a.currency
                        ORDER BY t.account_id, t.currency, t.occurred_at DESC, t.id DESC""")
                .params(base, userId, before)
                .query((rs, row) -> {
                    BigDecimal rate = rs.getBigDecimal(3);
                    if (rate != null) {
                        rates.put(new Held(rs.getObject(1, UUID.class), rs.getString(2).strip()), rate);
                    }
                    return null;
                })
                .list();
        return rates;
    }

    /** The published rates among the base and every currency held, dated for valuations from first to last. */
    private FxConverter publishedRates(String base, List<List<Holding>> held, LocalDate first, LocalDate last) {
        Set<String> currencies = new HashSet<>(Set.of(base));
        held.forEach(holdings -> holdings.forEach(h -> currencies.add(h.currency())));
        return PublishedRates.converter(jdbc, currencies, first, last);
    }

    private static NetWorthPoint point(String month, LocalDate asOf, List<Holding> holdings, String base) {
        BigDecimal total = BigDecimal.ZERO;
        int unconverted = 0;
        List<AccountWorth> accounts = new ArrayList<>();
        for (Holding h : holdings) {
            BigDecimal inBase = h.rate() == null ? null : minor(h.balance().multiply(h.rate()), base);
            if (inBase == null) {
                unconverted++;
            } else {
                total = total.add(inBase);
            }
            accounts.add(new AccountWorth(h.accountId(), h.name(), h.currency(), minor(h.balance(), h.currency()),
                    inBase));
        }
        return new NetWorthPoint(month, asOf, total, accounts, unconverted);
    }

    private static List<YearMonth> months(String from, String to) {
        YearMonth first = DashboardService.parseMonth(from);
        YearMonth last = DashboardService.parseMonth(to);
        if (last.isBefore(first)) {
            throw new InvalidRequestException("to must not be before from");
        }
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
            if (months.size() > MAX_MONTHS) {
                throw new InvalidRequestException("at most " + MAX_MONTHS + " months at a time");
            }
        }
        return months;
    }

    private static Timestamp start(YearMonth month, ZoneId zone) {
        return Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant());
    }

    private Users.User user(UUID userId) {
        return users.findById(userId).orElseThrow(() -> new NotFoundException("No such user"));
    }

    /** HALF_EVEN to the currency's minor unit: products of balance and rate carry many more digits. */
    private static BigDecimal minor(BigDecimal amount, String currency) {
        return Money.roundToMinorUnit(amount, Money.currency(currency));
    }
}
