package com.personifi.ingest.statement;

/**
 * Where a statement parser sends what it reads, in file order: each statement's header, then its entries; and
 * anything it cannot use, with its position and reason. A bad entry never stops the good ones.
 */
public interface StatementSink {

    void statement(StatementHeader header);

    /** An entry of the statement most recently announced. */
    void entry(StatementEntry entry);

    void reject(int position, String rawText, String reason);

    /**
     * A valid entry that moves no money (a wallet's failed or pending transaction): counted, never published. Bank
     * formats list only booked entries and never call it.
     */
    default void skip(int position, String reason) {
    }
}
