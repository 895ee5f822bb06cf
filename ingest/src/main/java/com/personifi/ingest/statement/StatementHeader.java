package com.personifi.ingest.statement;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One account's statement inside a file (a file may hold several): whose account it is and the balances the bank
 * printed, against which the entries that follow are checked.
 *
 * @param position       where the statement starts in the file (a line number, or 1-based order for XML)
 * @param accountNumber  the account as the file names it (IBAN, account number), never logged in full
 * @param currency       ISO 4217 code of the account, or null if the file does not say
 * @param openingBalance balance before the first entry, or null if the file does not say
 * @param closingBalance balance after the last entry, or null if the file does not say
 */
public record StatementHeader(int position, String accountNumber, String currency, BigDecimal openingBalance,
                              LocalDate openingDate, BigDecimal closingBalance, LocalDate closingDate) {
}
