package com.personifi.ingest.statement.csv;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Checks a Balance column row by row while the file streams past: each balance must follow from the one on the row
 * before and the row's amount. Banks list oldest first or newest first, and the file does not say which, so the
 * first two rows with different dates decide; until then a balance may follow either way.
 *
 * <ul>
 *   <li>Oldest first: balance = previous balance + this row's amount.</li>
 *   <li>Newest first: balance = previous balance − the previous row's amount.</li>
 * </ul>
 *
 * A mismatch is reported, never a reason to drop the row (as in the M-Pesa and MT940 readers): the movement happened
 * whatever the balance says. After a mismatch the next row may follow the balance as written or as it should have
 * been, so one misprinted figure is reported once, on its own row. A row that could not be read breaks the chain,
 * and the next balance starts a new one.
 */
final class BalanceCheck {

    private enum Order { UNKNOWN, OLDEST_FIRST, NEWEST_FIRST }

    private Order order = Order.UNKNOWN;
    /** The balance written on the row before, or null at the start of a chain. */
    private BigDecimal written;
    /** What that balance should have been, which is the written one unless it did not follow. */
    private BigDecimal expected;
    private BigDecimal previousAmount;
    private LocalDate previousDate;

    /** A row whose amount is unknown: what came before says nothing about what comes after. */
    void broken() {
        written = null;
        expected = null;
        previousAmount = null;
    }

    /**
     * @param date    the row's date, or null if it has none (a balance line may not)
     * @param amount  the row's amount, zero for a balance line that moves no money
     * @param balance the balance written on the row, or null for none, which breaks the chain
     * @return why the balance does not follow, or null when it does (or there is nothing to compare it with)
     */
    String next(LocalDate date, BigDecimal amount, BigDecimal balance) {
        if (balance == null) {
            broken();
            return null;
        }
        String mismatch = null;
        BigDecimal shouldBe = balance;
        if (written != null) {
            decideOrder(date);
            BigDecimal forward = written.add(amount);
            BigDecimal backward = written.subtract(previousAmount);
            boolean followsForward = equal(balance, forward) || equal(balance, expected.add(amount));
            boolean followsBackward = equal(balance, backward) || equal(balance, expected.subtract(previousAmount));
            boolean follows = switch (order) {
                case OLDEST_FIRST -> followsForward;
                case NEWEST_FIRST -> followsBackward;
                case UNKNOWN -> followsForward || followsBackward;
            };
            if (!follows) {
                if (order == Order.NEWEST_FIRST) {
                    shouldBe = backward;
                    mismatch = "Balance " + plain(balance) + " does not lead to the balance of the row before it "
                            + "(the file lists the newest first): " + plain(written) + " less that row's amount "
                            + plain(previousAmount) + " makes " + plain(backward);
                } else {
                    shouldBe = forward;
                    mismatch = "Balance " + plain(balance) + " does not follow from the row before: "
                            + plain(written) + " and " + plain(amount) + " make " + plain(forward);
                }
            }
        }
        written = balance;
        expected = shouldBe;
        previousAmount = amount;
        if (date != null) {
            previousDate = date;
        }
        return mismatch;
    }

    private void decideOrder(LocalDate date) {
        if (order == Order.UNKNOWN && date != null && previousDate != null && !date.equals(previousDate)) {
            order = date.isAfter(previousDate) ? Order.OLDEST_FIRST : Order.NEWEST_FIRST;
        }
    }

    private static boolean equal(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) == 0;
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
