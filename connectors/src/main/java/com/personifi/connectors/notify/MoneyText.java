package com.personifi.connectors.notify;

import java.math.BigDecimal;
import java.util.Currency;

import com.personifi.schemas.money.Money;

/**
 * Amounts as people read them in a message: currency code, thousands grouped, rounded HALF_EVEN to the currency's
 * ISO minor unit ({@code KES 8,250.00}, {@code UGX 1,250,000}, {@code BHD 12.500}).
 */
final class MoneyText {

    private MoneyText() {
    }

    static String format(BigDecimal amount, String currencyCode) {
        Currency currency = Money.currency(currencyCode);
        return currency.getCurrencyCode() + " " + grouped(Money.roundToMinorUnit(amount, currency));
    }

    /** The amount at the currency's minor unit, plain digits: what webhook bodies carry, never a JSON number. */
    static String plain(BigDecimal amount, String currencyCode) {
        return Money.roundToMinorUnit(amount, Money.currency(currencyCode)).toPlainString();
    }

    private static String grouped(BigDecimal rounded) {
        String plain = rounded.abs().toPlainString();
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(whole.charAt(i));
        }
        return (rounded.signum() < 0 ? "-" : "") + out + fraction;
    }
}
