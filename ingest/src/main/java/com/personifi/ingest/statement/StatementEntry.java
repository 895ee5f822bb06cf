package com.personifi.ingest.statement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One booked movement of money read from a bank or wallet statement file, before it is tied to a user and account.
 *
 * @param position    where it is in the file (line number, or 1-based order of entries for XML formats)
 * @param sourceRef   stable across re-imports of the same file: the bank's own id for the entry where the file has
 *                    one (OFX FITID, CAMT AcctSvcrRef, MT940 bank reference, a wallet's transaction id), otherwise
 *                    derived from its content
 * @param bookingDate the day the bank booked it
 * @param bookedAt    date and time when the file has a time, else null
 * @param amount      signed from the account's point of view: money in positive, money out negative; exact
 * @param currency    ISO 4217 code
 * @param counterparty the other party's name where the file has one, else null
 * @param balance     the running balance after this entry where the file has one, else null
 * @param parentSourceRef for a fee or other movement that belongs to another entry (a wallet's transfer fee), that
 *                    entry's sourceRef; else null
 */
public record StatementEntry(int position, String sourceRef, LocalDate bookingDate, LocalDateTime bookedAt,
                             BigDecimal amount, String currency, String description, String counterparty,
                             BigDecimal balance, String parentSourceRef) {

    /** An entry that belongs to no other, as bank formats write them. */
    public StatementEntry(int position, String sourceRef, LocalDate bookingDate, LocalDateTime bookedAt,
                          BigDecimal amount, String currency, String description, String counterparty,
                          BigDecimal balance) {
        this(position, sourceRef, bookingDate, bookedAt, amount, currency, description, counterparty, balance, null);
    }
}
