package com.personifi.api.feeds;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

import com.personifi.ingest.sms.SmsTransaction;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which way a forwarded reversal notice moved the money, from the transaction it undoes. Both parties to a reversed
 * transfer can get the same words ("Transaction … has been reversed"): the sender gets the money back, the recipient
 * loses it. The reversed transaction in the user's ledger says which of the two this user is.
 */
@Component
class SmsReversals {

    private final JdbcClient jdbc;

    SmsReversals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The notice with its signed amount when the wallet's ledger holds the transaction it reverses (deleted or not: its
     * direction is a fact either way), else as it is.
     */
    SmsTransaction signed(UUID userId, UUID accountId, SmsTransaction reversal) {
        // the reversed receipt's id, as every channel derives it from the account and the receipt
        UUID reversedId = TransactionIds.transactionId(accountId, reversal.reversedReceipt());
        Optional<BigDecimal> reversed = jdbc.sql("SELECT amount FROM transactions WHERE user_id = ? AND id = ?")
                .params(userId, reversedId)
                .query(BigDecimal.class).optional();
        return reversed.map(stored -> reversal.undoing(asWritten(stored, reversal.currency()))).orElse(reversal);
    }

    /** The ledger keeps four decimals; a wallet moves whole minor units, so this drops only the storage's zeros. */
    private static BigDecimal asWritten(BigDecimal stored, String currency) {
        BigDecimal minor = Money.roundToMinorUnit(stored, Money.currency(currency));
        return minor.compareTo(stored) == 0 ? minor : stored;
    }
}
