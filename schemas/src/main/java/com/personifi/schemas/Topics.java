package com.personifi.schemas;

import java.util.List;

import com.personifi.schemas.events.RawTransaction;

/**
 * Every Kafka topic of the platform, with how it is laid out. Raw transactions are keyed by userId, so the stream
 * finds all of a person's accounts (their transfers, their budgets) on one partition and needs no repartition; the
 * enriched ledger is keyed by accountId so one account's transactions stay in order; per-user reference data is keyed
 * by userId and compacted.
 */
public final class Topics {

    /** Key: {@link #rawTransactionKey}. */
    public static final String RAW_TRANSACTIONS = "ingest.transactions.raw";
    public static final String REJECTED_TRANSACTIONS = "ingest.transactions.rejected";
    public static final String ENRICHED_TRANSACTIONS = "ledger.transactions.enriched";
    /** A person's changes to booked transactions, for the budgets the stream keeps (key: userId). */
    public static final String LEDGER_CORRECTIONS = "ledger.corrections";
    public static final String FX_RATES = "reference.fx-rates";
    public static final String CATEGORY_RULES = "reference.category-rules";
    public static final String BUDGETS = "reference.budgets";
    public static final String USERS = "reference.users";
    public static final String CATEGORY_CORRECTIONS = "reference.category-corrections";
    public static final String BUDGET_ALERTS = "alerts.budget";
    public static final String NOTIFICATIONS = "notifications.outbound";
    /** Notification deliveries given up on (permanent refusal or attempts exhausted), as JSON; key userId. */
    public static final String NOTIFICATIONS_DEAD_LETTER = "notifications.dead-letter";
    /** Records the stream could not read or validate, with the reason in the headers. */
    public static final String STREAMS_DEAD_LETTER = "streams.dead-letter";
    /** Header on every dead letter saying why the record was refused. */
    public static final String DEAD_LETTER_REASON_HEADER = "personifi.dead-letter.reason";

    /**
     * The key every producer gives a raw transaction: its user. The stream also accepts one keyed otherwise, at the
     * cost of writing it once more, keyed by its user.
     */
    public static String rawTransactionKey(RawTransaction transaction) {
        return transaction.getUserId();
    }

    /**
     * How a topic is laid out: compacted topics hold the latest value per key forever.
     *
     * @param partitionsOf a topic whose partition count this one must have, or null
     */
    public record TopicSpec(String name, boolean partitionedByKey, boolean compacted, String partitionsOf) {

        TopicSpec(String name, boolean partitionedByKey, boolean compacted) {
            this(name, partitionedByKey, compacted, null);
        }
    }

    private static final List<TopicSpec> ALL = List.of(
            new TopicSpec(RAW_TRANSACTIONS, true, false),
            new TopicSpec(REJECTED_TRANSACTIONS, true, false),
            new TopicSpec(ENRICHED_TRANSACTIONS, true, false),
            // read beside the raw topic, both keyed by user: a user's corrections reach the task holding their
            // budgets only if the counts are equal
            new TopicSpec(LEDGER_CORRECTIONS, true, false, RAW_TRANSACTIONS),
            new TopicSpec(FX_RATES, false, true),
            new TopicSpec(CATEGORY_RULES, true, true),
            new TopicSpec(BUDGETS, true, true),
            new TopicSpec(USERS, true, true),
            new TopicSpec(CATEGORY_CORRECTIONS, true, true),
            new TopicSpec(BUDGET_ALERTS, true, false),
            new TopicSpec(NOTIFICATIONS, true, false),
            new TopicSpec(NOTIFICATIONS_DEAD_LETTER, true, false),
            new TopicSpec(STREAMS_DEAD_LETTER, false, false));

    private Topics() {
    }

    public static List<TopicSpec> all() {
        return ALL;
    }
}
