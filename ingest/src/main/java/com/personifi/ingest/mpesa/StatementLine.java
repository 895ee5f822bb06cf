package com.personifi.ingest.mpesa;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One movement of money read from an M-Pesa statement, before it is tied to a user and account.
 *
 * @param sourceRef       the receipt number, or receipt plus a suffix when one receipt carries several movements
 * @param parentSourceRef for a charge or overdraft, the movement it belongs to
 * @param amount          signed: paid in is positive, withdrawn negative; exact, as written on the statement
 */
public record StatementLine(int line, String receipt, String sourceRef, String parentSourceRef,
                            LocalDateTime completedAt, String details, MpesaDetails parsed, BigDecimal amount,
                            BigDecimal balance) {
}
