package com.personifi.ingest.statement;

import com.personifi.schemas.accounts.AccountNumberCipher;

/** Account numbers are shown and logged only by their last four characters. */
public final class AccountNumbers {

    private AccountNumbers() {
    }

    /** The last four letters or digits of the number, or null if it has fewer. */
    public static String last4(String accountNumber) {
        if (accountNumber == null) {
            return null;
        }
        String normal = AccountNumberCipher.normalize(accountNumber);
        return normal.length() < 4 ? null : normal.substring(normal.length() - 4);
    }

    /** "****1234", or "(without a number)". */
    public static String masked(String accountNumber) {
        String last4 = last4(accountNumber);
        return last4 == null ? "(without a number)" : "****" + last4;
    }
}
