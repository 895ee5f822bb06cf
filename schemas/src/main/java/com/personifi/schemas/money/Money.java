package com.personifi.schemas.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount with its ISO 4217 currency. Arithmetic stays exact; {@link #rounded()} rounds HALF_EVEN to the
 * currency's minor unit (KES 2, UGX 0, BHD 3) only where a figure is presented or stored as final.
 */
public record Money(BigDecimal amount, Currency currency) {

    /** Scale of every stored amount: NUMERIC(19,4) and the Avro decimal(19,4). */
    public static final int STORAGE_SCALE = 4;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), currency(currencyCode));
    }

    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    public static Money zero(String currencyCode) {
        return new Money(BigDecimal.ZERO, currency(currencyCode));
    }

    /** Parses an ISO 4217 code, failing with a clear message on anything else. */
    public static Currency currency(String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Not an ISO 4217 currency code: " + code);
        }
    }

    public static int minorUnits(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        return digits < 0 ? 0 : digits;
    }

    /** Rounds HALF_EVEN to the currency's minor unit. */
    public static BigDecimal roundToMinorUnit(BigDecimal amount, Currency currency) {
        return amount.setScale(minorUnits(currency), RoundingMode.HALF_EVEN);
    }

    /** NUMERIC(19,4) holds 15 digits before the decimal point. */
    public static final int MAX_INTEGER_DIGITS = 15;

    /**
     * Whether the amount has at most 15 digits before the point, counted without rescaling it (rescaling
     * {@code 1E+999999999} would compute a billion digits). Zero fits whatever its exponent.
     */
    public static boolean fitsStorage(BigDecimal amount) {
        // long: with a scale near Integer.MIN_VALUE the int difference would wrap round and pass
        return amount.signum() == 0 || (long) amount.precision() - amount.scale() <= MAX_INTEGER_DIGITS;
    }

    /**
     * The amount at the storage scale; fails rather than silently rounding away sub-minor digits, and refuses an
     * amount PostgreSQL could not store. The size is checked first: rescaling {@code 1E+999999999} would compute a
     * number of a billion digits.
     *
     * @throws ArithmeticException when the amount has more than 4 decimals or more than 15 digits before the point
     */
    public static BigDecimal atStorageScale(BigDecimal amount) {
        if (!fitsStorage(amount)) {
            throw new ArithmeticException("Amount has more than " + MAX_INTEGER_DIGITS + " digits before the point");
        }
        return amount.setScale(STORAGE_SCALE, RoundingMode.UNNECESSARY);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    public Money rounded() {
        return new Money(roundToMinorUnit(amount, currency), currency);
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot add " + other.currency + " to " + currency);
        }
    }

    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amount.toPlainString();
    }
}
