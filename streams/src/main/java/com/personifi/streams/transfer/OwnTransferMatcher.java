package com.personifi.streams.transfer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.streams.state.StoreSweep;
import com.personifi.streams.state.SweepSchedule;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Money that leaves one of a user's accounts and arrives in another of theirs is a transfer between own accounts, not
 * spending and income: an M-Pesa "Pay Bill to Equity" and the bank's "MPESA C2B" credit, say. Runs keyed by user.
 * <p>
 * A leg is a transaction whose category is still a guess about moving money (sent, received, own transfer or
 * uncategorized, decided by the built-in patterns, not by the user). It waits in a store for its other half: the
 * same amount in the same currency, the other direction, another account of the same user, booked within the
 * window. Closest in time wins; each leg pairs once. When a pair forms, both legs become own-transfers, and the leg
 * that arrived first is emitted again, as an update of the same transaction. The pair is remembered, so a later
 * update of either leg (a statement after the SMS) stays an own transfer.
 * <p>
 * Most legs never meet another, and a range scan costs RocksDB far more than a lookup of a key that is not there
 * (which Bloom filters answer): so each "user|currency|amount|direction|" under which legs wait is marked, and the
 * other half is looked for only under a mark.
 */
public final class OwnTransferMatcher
        implements Processor<String, OwnTransferMatcher.Leg, String, OwnTransferMatcher.Leg> {

    public static final String CANDIDATES_STORE = "transfer-candidates";
    public static final String PAIRS_STORE = "transfer-pairs";
    public static final String OWN_TRANSFERS = "own-transfers";
    static final int CONFIDENCE = 80;
    /** Statements of two accounts are often imported weeks apart: a leg waits this long for its other half. */
    static final Duration CANDIDATE_RETENTION = Duration.ofDays(35);
    /**
     * A mark holds the time a leg under it was last stored, renewed at most this often (not a write for every leg);
     * it is kept this much longer than a leg, so it outlives every leg under it.
     */
    static final Duration MARK_RENEWAL = Duration.ofDays(1);
    private static final Set<String> TRANSFER_LIKE = Set.of("remittances-sent", "remittances-received", OWN_TRANSFERS,
            "uncategorized");

    /** A transaction on its way out, with its serialized form when that is still the one to write. */
    public record Leg(EnrichedTransaction transaction, byte[] bytes) {
    }

    private final Duration window;
    private final Duration pairRetention;
    private final AvroSerde<EnrichedTransaction> serde = AvroSerde.of(EnrichedTransaction.class);
    private ProcessorContext<String, Leg> context;
    private KeyValueStore<String, byte[]> candidates;
    private KeyValueStore<String, String> pairs;
    private final StoreSweep<byte[]> candidatesSweep = new StoreSweep<>(SweepSchedule.SLICE);
    private final StoreSweep<String> pairsSweep = new StoreSweep<>(SweepSchedule.SLICE);
    private boolean prepared;

    /**
     * @param window        how far apart in booking time two legs may be (bank postings lag behind mobile money)
     * @param pairRetention how long a pair is remembered after it formed: as long as an update of a leg may arrive
     */
    public OwnTransferMatcher(Duration window, Duration pairRetention) {
        this.window = window;
        this.pairRetention = pairRetention;
    }

    @Override
    public void init(ProcessorContext<String, Leg> context) {
        this.context = context;
        this.candidates = context.getStateStore(CANDIDATES_STORE);
        this.pairs = context.getStateStore(PAIRS_STORE);
        context.schedule(SweepSchedule.EVERY, PunctuationType.WALL_CLOCK_TIME, this::forgetOld);
    }

    @Override
    public void process(Record<String, Leg> record) {
        if (!prepared) {
            prepareCandidates();
            prepared = true;
        }
        EnrichedTransaction t = record.value().transaction();
        byte[] bytes = record.value().bytes() != null ? record.value().bytes() : serde.serialize(null, t);
        String pairedWith = pairs.get(t.getId());
        if (pairedWith != null) {
            forward(record, machineDecided(t) ? asOwnTransfer(t) : new Leg(t, bytes));
            return;
        }
        if (!isLeg(t)) {
            // it may have waited as a leg before a rule or a correction changed its category
            String key = candidateKey(t);
            if (key != null && candidates.get(key) != null) {
                candidates.delete(key);
            }
            forward(record, new Leg(t, bytes));
            return;
        }
        EnrichedTransaction other = closestOtherHalf(t);
        if (other == null) {
            candidates.put(candidateKey(t), withTime(bytes));
            mark(prefix(t, direction(t)));
            forward(record, new Leg(t, bytes));
            return;
        }
        candidates.delete(candidateKey(other));
        if (candidates.get(candidateKey(t)) != null) {
            candidates.delete(candidateKey(t));
        }
        String now = Long.toString(context.currentSystemTimeMs());
        pairs.put(t.getId(), other.getId() + "|" + now);
        pairs.put(other.getId(), t.getId() + "|" + now);
        if (!OWN_TRANSFERS.equals(other.getCategory())) {
            forward(record, asOwnTransfer(other));
        }
        forward(record, asOwnTransfer(t));
    }

    private void forward(Record<String, Leg> record, Leg leg) {
        context.forward(new Record<>(record.key(), leg, record.timestamp(), record.headers()));
    }

    private static boolean machineDecided(EnrichedTransaction t) {
        return t.getCategorySource() == CategorySource.BUILT_IN || t.getCategorySource() == CategorySource.NONE;
    }

    private static boolean isLeg(EnrichedTransaction t) {
        return machineDecided(t) && TRANSFER_LIKE.contains(t.getCategory()) && t.getAmount().signum() != 0;
    }

    /**
     * "user|currency|amount|direction|bookedAt|id", bookedAt as zero-padded epoch milliseconds: the other half is
     * found by a range scan over the opposite direction within the window, so a user with years of same-amount
     * airtime purchases costs a lookup of the few days around each leg, not of all of them.
     */
    private static String candidateKey(EnrichedTransaction t) {
        if (t.getAmount().signum() == 0) {
            return null;
        }
        return prefix(t, direction(t)) + bookedAt(t.getOccurredAt()) + "|" + t.getId();
    }

    private static String direction(EnrichedTransaction t) {
        return t.getAmount().signum() < 0 ? "OUT" : "IN";
    }

    /** Legs wait under this prefix now: mark it, unless a mark renewed within the last day is there. */
    private void mark(String prefix) {
        long now = context.currentSystemTimeMs();
        byte[] mark = candidates.get(prefix);
        if (mark == null || mark.length != Long.BYTES
                || ByteBuffer.wrap(mark).getLong() < now - MARK_RENEWAL.toMillis()) {
            candidates.put(prefix, ByteBuffer.allocate(Long.BYTES).putLong(now).array());
        }
    }

    private static boolean isMark(byte[] value) {
        return value != null && value.length == Long.BYTES;
    }

    private static String prefix(EnrichedTransaction t, String direction) {
        return t.getUserId() + "|" + t.getCurrency() + "|" + t.getAmount().abs().stripTrailingZeros().toPlainString()
                + "|" + direction + "|";
    }

    /**
     * Fixed width (every positive long fits), so keys sort by time; before 1970 counts as 1970, which no statement
     * reaches back to. A transaction's time never changes once seen (a merge only fills missing fields), so its key is
     * stable.
     */
    private static String bookedAt(Instant occurredAt) {
        String millis = Long.toString(Math.max(0, occurredAt.toEpochMilli()));
        return "0".repeat(Math.max(0, 19 - millis.length())) + millis;
    }

    /**
     * Once, on the first record after a start, legs stored by earlier versions are made findable: those stored
     * before keys carried the booking time ("user|currency|amount|direction|id") are rewritten under their new key,
     * and every prefix with legs but no mark (legs stored before marks) is marked.
     */
    private void prepareCandidates() {
        List<KeyValue<String, byte[]>> old = new ArrayList<>();
        Set<String> waiting = new HashSet<>();
        Set<String> marked = new HashSet<>();
        try (KeyValueIterator<String, byte[]> all = candidates.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                String[] parts = entry.key.split("\\|", -1);
                if (isMark(entry.value)) {
                    marked.add(entry.key);
                } else if (parts.length == 5) {
                    old.add(entry);
                } else if (parts.length == 6) {
                    waiting.add(String.join("|", parts[0], parts[1], parts[2], parts[3]) + "|");
                }
            }
        }
        for (KeyValue<String, byte[]> entry : old) {
            candidates.delete(entry.key);
            if (entry.value != null && entry.value.length > Long.BYTES) {
                EnrichedTransaction t = serde.deserialize(null, withoutTime(entry.value));
                String key = candidateKey(t);
                if (key != null) {
                    candidates.put(key, entry.value);
                    waiting.add(prefix(t, direction(t)));
                }
            }
        }
        waiting.removeAll(marked);
        waiting.forEach(this::mark);
    }

    private EnrichedTransaction closestOtherHalf(EnrichedTransaction t) {
        String opposite = prefix(t, t.getAmount().signum() < 0 ? "IN" : "OUT");
        if (!isMark(candidates.get(opposite))) {
            return null;
        }
        // '~' sorts after every character of an id: the upper bound takes all ids booked at the window's last ms
        String from = opposite + bookedAt(t.getOccurredAt().minus(window));
        String to = opposite + bookedAt(t.getOccurredAt().plus(window)) + "|~";
        EnrichedTransaction best = null;
        Duration bestGap = null;
        try (KeyValueIterator<String, byte[]> found = candidates.range(from, to)) {
            while (found.hasNext()) {
                EnrichedTransaction other = serde.deserialize(null, withoutTime(found.next().value));
                Duration gap = Duration.between(other.getOccurredAt(), t.getOccurredAt()).abs();
                if (!other.getAccountId().equals(t.getAccountId()) && !other.getId().equals(t.getId())
                        && gap.compareTo(window) <= 0 && (bestGap == null || gap.compareTo(bestGap) < 0)) {
                    best = other;
                    bestGap = gap;
                }
            }
        }
        return best;
    }

    private static Leg asOwnTransfer(EnrichedTransaction t) {
        EnrichedTransaction transfer = EnrichedTransaction.newBuilder(t)
                .setCategory(OWN_TRANSFERS)
                .setCategorySource(CategorySource.BUILT_IN)
                .setCategoryConfidence(CONFIDENCE)
                .build();
        return new Leg(transfer, null);
    }

    /** Candidates carry the wall-clock time they were stored: 8 bytes, then the enriched transaction. */
    private byte[] withTime(byte[] enriched) {
        return ByteBuffer.allocate(Long.BYTES + enriched.length).putLong(context.currentSystemTimeMs()).put(enriched)
                .array();
    }

    private static byte[] withoutTime(byte[] stored) {
        byte[] enriched = new byte[stored.length - Long.BYTES];
        System.arraycopy(stored, Long.BYTES, enriched, 0, enriched.length);
        return enriched;
    }

    private void forgetOld(long now) {
        long candidateCutoff = Instant.ofEpochMilli(now).minus(CANDIDATE_RETENTION).toEpochMilli();
        long markCutoff = candidateCutoff - MARK_RENEWAL.toMillis();
        candidatesSweep.pass(candidates, (key, value) -> value.length < Long.BYTES
                || ByteBuffer.wrap(value).getLong() < (isMark(value) ? markCutoff : candidateCutoff));
        long pairCutoff = Instant.ofEpochMilli(now).minus(pairRetention).toEpochMilli();
        pairsSweep.pass(pairs, (key, value) -> {
            int bar = value.lastIndexOf('|');
            try {
                return bar < 0 || Long.parseLong(value.substring(bar + 1)) < pairCutoff;
            } catch (NumberFormatException e) {
                return true;
            }
        });
    }
}
