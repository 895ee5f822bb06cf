package com.personifi.api.dashboard;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.personifi.api.auth.Users;
import com.personifi.api.web.InvalidRequestException;
import com.personifi.api.web.NotFoundException;
import com.personifi.schemas.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Income, spending, net and spending by category for one calendar month in the user's time zone, from amounts
 * already converted to the user's base currency by the stream.
 */
@Service
public class DashboardService {

    private record CategoryTotals(String category, String name, BigDecimal income, BigDecimal spending, int count) {
    }

    private final JdbcClient jdbc;
    private final Users users;
    private final DashboardCache cache;

    DashboardService(JdbcClient jdbc, Users users, DashboardCache cache) {
        this.jdbc = jdbc;
        this.users = users;
        this.cache = cache;
    }

    /**
     * Both legs of money moved between the user's own accounts (the stream pairs them): counted as transactions but
     * neither income nor spending, which would otherwise each grow by the same amount.
     */
    static final String OWN_TRANSFERS = "own-transfers";

    public static YearMonth parseMonth(String month) {
        YearMonth parsed = plainMonth(month);
        if (parsed == null) {
            try {
                parsed = YearMonth.parse(month);
            } catch (DateTimeParseException | NullPointerException e) {
                throw new InvalidRequestException("month must look like 2024-05, was '" + month + "'");
            }
        }
        // YearMonth takes years up to 999,999,999, past which a month's arithmetic fails
        if (parsed.getYear() < 1900 || parsed.getYear() > 9999) {
            throw new InvalidRequestException("month must be between 1900-01 and 9999-12, was '" + month + "'");
        }
        return parsed;
    }

    /**
     * "2024-05" read by hand, or null for anything else (left to {@link YearMonth#parse}, which says what is wrong):
     * every cached dashboard request names its month, and the formatter's parse is a twentieth of such a request.
     */
    private static YearMonth plainMonth(String month) {
        if (month == null || month.length() != 7 || month.charAt(4) != '-') {
            return null;
        }
        int year = 0;
        for (int i = 0; i < 4; i++) {
            char c = month.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            year = year * 10 + (c - '0');
        }
        char tens = month.charAt(5);
        char units = month.charAt(6);
        if (tens < '0' || tens > '1' || units < '0' || units > '9') {
            return null;
        }
        int monthOfYear = (tens - '0') * 10 + (units - '0');
        return monthOfYear >= 1 && monthOfYear <= 12 ? YearMonth.of(year, monthOfYear) : null;
    }

    public Dashboard dashboard(UUID userId, String month) {
        return dashboardView(userId, month).value();
    }

    /** The month's dashboard as cached, with the JSON the REST API made of it, if it did. */
    DashboardCache.View<Dashboard> dashboardView(UUID userId, String month) {
        YearMonth yearMonth = parseMonth(month);
        return cache.view(userId, yearMonth.toString(), Dashboard.class, () -> compute(userId, yearMonth));
    }

    private Dashboard compute(UUID userId, YearMonth month) {
        Users.User user = users.findById(userId).orElseThrow(() -> new NotFoundException("No such user"));
        ZoneId zone = ZoneId.of(user.timeZone());
        OffsetDateTime from = month.atDay(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
        String base = user.baseCurrency();

        // one name per category: the user's own, else the built-in one; never a second joined row to count twice
        List<CategoryTotals> totals = jdbc.sql("""
                SELECT t.category,
                       coalesce((SELECT c.name FROM categories c
                                 WHERE c.code = t.category AND c.deleted_at IS NULL
                                   AND (c.user_id IS NULL OR c.user_id = t.user_id)
                                 ORDER BY c.user_id NULLS LAST LIMIT 1), t.category),
                       coalesce(sum(t.amount_in_base) FILTER (WHERE t.amount_in_base > 0), 0),
                       coalesce(-sum(t.amount_in_base) FILTER (WHERE t.amount_in_base < 0), 0),
                       count(*)
                FROM transactions t
                WHERE t.user_id = ? AND t.deleted_at IS NULL AND t.occurred_at >= ? AND t.occurred_at < ?
                  AND t.base_currency = ? AND t.amount_in_base IS NOT NULL
                GROUP BY t.user_id, t.category""")
                .params(userId, from, to, base)
                .query((rs, row) -> new CategoryTotals(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getInt(5)))
                .list();
        int unconverted = jdbc.sql("""
                SELECT count(*) FROM transactions
                WHERE user_id = ? AND deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?
                  AND (base_currency <> ? OR amount_in_base IS NULL)""")
                .params(userId, from, to, base).query(Integer.class).single();

        BigDecimal income = BigDecimal.ZERO;
        BigDecimal spending = BigDecimal.ZERO;
        int count = 0;
        List<Dashboard.CategorySpending> byCategory = new ArrayList<>();
        for (CategoryTotals t : totals) {
            count += t.count();
            if (OWN_TRANSFERS.equals(t.category())) {
                continue;
            }
            income = income.add(t.income());
            spending = spending.add(t.spending());
            if (t.spending().signum() > 0) {
                byCategory.add(new Dashboard.CategorySpending(t.category(), t.name(), minor(t.spending(), base)));
            }
        }
        byCategory.sort(Comparator.comparing(Dashboard.CategorySpending::amount).reversed()
                .thenComparing(Dashboard.CategorySpending::category));
        return new Dashboard(month.toString(), base, minor(income, base), minor(spending, base),
                minor(income.subtract(spending), base), byCategory, count, unconverted);
    }

    /** Stored amounts are already rounded to the minor unit; this only drops the storage scale's extra zeros. */
    private static BigDecimal minor(BigDecimal amount, String currency) {
        return Money.roundToMinorUnit(amount, Money.currency(currency));
    }
}
