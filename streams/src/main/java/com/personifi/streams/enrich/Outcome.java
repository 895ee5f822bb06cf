package com.personifi.streams.enrich;

import com.personifi.schemas.events.EnrichedTransaction;

/** What enrichment made of one raw record. */
sealed interface Outcome {

    /** The enriched transaction and its serialized form, written once for every topic it goes to. */
    record Enriched(EnrichedTransaction transaction, byte[] bytes) implements Outcome {
    }

    /** A valid record not keyed by its user, to be written again as it arrived, keyed by {@code userId}. */
    record Rerouted(String userId, byte[] original) implements Outcome {
    }

    /** The record as it arrived, and why it could not be enriched (carried in a header). */
    record DeadLetter(byte[] original, String reason) implements Outcome {
    }
}
