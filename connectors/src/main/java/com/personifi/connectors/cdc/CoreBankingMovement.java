package com.personifi.connectors.cdc;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * What a Fineract savings transaction type does to the account's balance. Types that move no money (waived
 * charges, transfer requests, holds and releases of a hold) are not transactions of the account and are skipped.
 */
enum CoreBankingMovement {

    DEPOSIT(1, 1), WITHDRAWAL(2, -1), INTEREST_POSTING(3, 1), WITHDRAWAL_FEE(4, -1), ANNUAL_FEE(5, -1),
    PAY_CHARGE(7, -1), DIVIDEND_PAYOUT(8, 1), OVERDRAFT_INTEREST(17, -1), WITHHOLD_TAX(18, -1);

    private final int code;
    private final int sign;

    CoreBankingMovement(int code, int sign) {
        this.code = code;
        this.sign = sign;
    }

    static Optional<CoreBankingMovement> of(int transactionTypeEnum) {
        for (CoreBankingMovement movement : values()) {
            if (movement.code == transactionTypeEnum) {
                return Optional.of(movement);
            }
        }
        return Optional.empty();
    }

    /** The core system stores amounts unsigned; ours are signed from the account's point of view. */
    BigDecimal signed(BigDecimal amount) {
        return sign < 0 ? amount.abs().negate() : amount.abs();
    }

    String label() {
        String words = name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
