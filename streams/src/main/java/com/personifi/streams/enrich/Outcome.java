package com.personifi.streams.enrich;

import com.personifi.schemas.events.EnrichedTransaction;

/** What enrichment made of one raw record. */
sealed interface Outcome {

    record Enriched(EnrichedTransaction transaction) implements Outcome {
    }

    /** The record as it arrived, and why it could not be enriched (carried in a header). */
    record DeadLetter(byte[] original, String reason) implements Outcome {
    }
}
