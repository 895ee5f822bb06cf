package com.personifi.schemas;

/**
 * The {@code aggregatetype}s of outbox rows: the API writes them, the CDC connector routes each by it. One place, so
 * the writer and the router cannot drift apart.
 */
public final class OutboxAggregates {

    /** A transaction a person typed in; aggregateid = its account; to {@link Topics#RAW_TRANSACTIONS}. */
    public static final String TRANSACTION = "transaction";
    /** A person's change to a booked transaction; aggregateid = the user; to {@link Topics#LEDGER_CORRECTIONS}. */
    public static final String LEDGER_CORRECTION = "ledger-correction";

    private OutboxAggregates() {
    }
}
