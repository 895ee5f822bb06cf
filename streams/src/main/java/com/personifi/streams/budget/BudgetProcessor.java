package com.personifi.streams.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.personifi.schemas.events.BudgetAlert;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.events.LedgerCorrection;
import com.personifi.streams.reference.Budget;
import com.personifi.streams.reference.ReferenceCache;
import com.personifi.streams.reference.ReferenceVersion;
import com.personifi.streams.reference.ReferenceJson;
import com.personifi.streams.reference.UserSettings;
import com.personifi.streams.state.StoreSweep;
import com.personifi.streams.state.SweepSchedule;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spending per budget and period, in the user's base currency, with alerts at the budget's thresholds. Runs keyed by
 * user. Each transaction's contribution is remembered, so an update (a merge, a re-categorization) replaces its old
 * contribution instead of adding to it. A threshold fires once per period: the fired set is state, written in the
 * same exactly-once transaction as the alert, so neither a restart nor a refund that dips below and back over
 * repeats it. State is keyed by user, budget and currency: one user's spending never counts toward another's budget,
 * and after a change of base currency the new currency's amounts are not added to the old ones.
 * <p>
 * A period that ended more than a day ago is still counted but raises no alert: years of history imported today
 * would otherwise send an alert for every month that went over, about money long spent. The day's grace keeps the
 * alert for a message or statement row that arrives just after its period turned.
 * <p>
 * A person's change to a booked transaction ({@code ledger.corrections}: a new category, a delete, a restore, a rule
 * applied) replaces its contribution like any update. What the sink keeps in the ledger against later updates from the
 * stream (a statement row merging into an SMS) is kept here too: a category the person chose, and a delete until the
 * transaction is restored. A budget made or changed mid-period comes the same way: the period's transactions in its
 * categories, each counted anew under the budgets as they now are, so the new budget starts from what was spent.
 * <p>
 * State not touched for the retention (the dedupe retention: no update of a transaction can come later than that)
 * is forgotten: a period's total together with its fired thresholds, each transaction's contribution and each
 * correction.
 */
public final class BudgetProcessor implements Processor<String, BudgetProcessor.Movement, String, BudgetAlert> {

    public static final String SPENT_STORE = "budget-spent";
    public static final String CONTRIBUTIONS_STORE = "budget-contributions";
    public static final String FIRED_STORE = "budget-alerts-fired";
    public static final String CORRECTIONS_STORE = "budget-corrections";
    private static final int CACHE_SIZE = 10_000;
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Africa/Nairobi");
    private static final Duration LATE_ALERT_GRACE = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(BudgetProcessor.class);

    private final String budgetsStoreName;
    private final String usersStoreName;
    private final Duration retention;
    private final ReferenceCache<List<Budget>> budgetsCache;
    /** A user's time zone, parsed once per change of their settings; none (or an unknown zone) means Nairobi's. */
    private final ReferenceCache<ZoneId> zoneCache;
    private ProcessorContext<String, BudgetAlert> context;
    private KeyValueStore<String, String> spent;
    private KeyValueStore<String, String> contributions;
    private KeyValueStore<String, String> fired;
    private KeyValueStore<String, String> corrections;
    private final StoreSweep<String> spentSweep = new StoreSweep<>(SweepSchedule.SLICE);
    private final StoreSweep<String> contributionsSweep = new StoreSweep<>(SweepSchedule.SLICE);
    private final StoreSweep<String> firedSweep = new StoreSweep<>(SweepSchedule.SLICE);
    private final StoreSweep<String> correctionsSweep = new StoreSweep<>(SweepSchedule.SLICE);
    private KeyValueStore<String, byte[]> budgets;
    private KeyValueStore<String, byte[]> users;

    /** @param versions of the global reference stores, by store name */
    public BudgetProcessor(String budgetsStoreName, String usersStoreName, Duration retention,
                           Map<String, ReferenceVersion> versions) {
        this.budgetsStoreName = budgetsStoreName;
        this.usersStoreName = usersStoreName;
        this.retention = retention;
        this.budgetsCache = new ReferenceCache<>(ReferenceJson::budgets, versions.get(budgetsStoreName), CACHE_SIZE);
        this.zoneCache = new ReferenceCache<>(bytes -> ZoneId.of(UserSettings.parse(bytes).timeZone()),
                versions.get(usersStoreName), CACHE_SIZE);
    }

    @Override
    public void init(ProcessorContext<String, BudgetAlert> context) {
        this.context = context;
        this.spent = context.getStateStore(SPENT_STORE);
        this.contributions = context.getStateStore(CONTRIBUTIONS_STORE);
        this.fired = context.getStateStore(FIRED_STORE);
        this.corrections = context.getStateStore(CORRECTIONS_STORE);
        this.budgets = context.getStateStore(budgetsStoreName);
        this.users = context.getStateStore(usersStoreName);
        context.schedule(SweepSchedule.EVERY, PunctuationType.WALL_CLOCK_TIME, this::forgetUntouched);
    }

    /** A transaction's share of one budget period: "userId|budgetId|currency|periodStart|amount". */
    private record Contribution(String userId, String budgetId, String currency, LocalDate periodStart,
                                BigDecimal amount) {

        String period() {
            return userId + "|" + budgetId + "|" + currency + "|" + periodStart;
        }

        String encode() {
            return period() + "|" + amount.toPlainString();
        }

        static Contribution decode(String text) {
            String[] parts = text.split("\\|");
            return new Contribution(parts[0], parts[1], parts[2], LocalDate.parse(parts[3]), new BigDecimal(parts[4]));
        }
    }

    /**
     * A transaction as budgets see it: booked by the stream, or as the ledger holds it after a person's change.
     *
     * @param amountInBase   null when no rate to the base currency was known: it counts toward no budget
     * @param deleted        deleted by the person: it counts toward no budget until restored
     * @param manualCategory the category is the person's own
     * @param fromLedger     a correction: the transaction as the ledger holds it after a person's change
     * @param budgets        the user's budgets as they just changed, to count under instead of the stream's copy,
     *                       which may not have them yet; null to count under the stream's copy
     */
    public record Movement(String transactionId, String userId, Instant occurredAt, String category,
                           String baseCurrency, BigDecimal amountInBase, boolean deleted, boolean manualCategory,
                           boolean fromLedger, List<Budget> budgets) {

        public static Movement booked(EnrichedTransaction t) {
            return new Movement(t.getId(), t.getUserId(), t.getOccurredAt(), t.getCategory(), t.getBaseCurrency(),
                    t.getAmountInBase(), false, false, false, null);
        }

        public static Movement corrected(LedgerCorrection c) {
            return new Movement(c.getTransactionId(), c.getUserId(), c.getOccurredAt(), c.getCategory(),
                    c.getBaseCurrency(), c.getAmountInBase(), c.getDeleted(), c.getManualCategory(), true,
                    c.getBudgets() == null ? null
                            : ReferenceJson.budgets(c.getBudgets().getBytes(StandardCharsets.UTF_8)));
        }

        /**
         * What later updates from the stream must keep, as the sink keeps it in the ledger: "category|deleted", the
         * category only when it is the person's; null when there is nothing to keep.
         */
        String kept() {
            return manualCategory || deleted ? (manualCategory ? category : "") + "|" + deleted : null;
        }

        /** This update from the stream with what a correction of it keeps. */
        Movement keeping(String kept) {
            int bar = kept.lastIndexOf('|');
            String personsCategory = kept.substring(0, bar);
            return new Movement(transactionId, userId, occurredAt,
                    personsCategory.isEmpty() ? category : personsCategory, baseCurrency, amountInBase,
                    Boolean.parseBoolean(kept.substring(bar + 1)), !personsCategory.isEmpty(), false, budgets);
        }
    }

    /** A record that cannot be counted is logged and skipped: budgets must never stop the ledger's stream. */
    @Override
    public void process(Record<String, Movement> record) {
        try {
            Movement movement = record.value();
            if (movement.fromLedger()) {
                String kept = movement.kept();
                if (kept != null) {
                    corrections.put(movement.transactionId(), timed(kept));
                } else if (corrections.get(movement.transactionId()) != null) {
                    corrections.delete(movement.transactionId());
                }
            } else {
                String kept = corrections.get(movement.transactionId());
                if (kept != null) {
                    movement = movement.keeping(untimed(kept));
                }
            }
            count(movement);
        } catch (RuntimeException e) {
            log.error("Budget state not updated for record at offset {}: {}",
                    context.recordMetadata().map(m -> m.offset()).orElse(-1L), e.toString());
        }
    }

    private void count(Movement t) {
        String userId = t.userId();
        String previous = contributions.get(t.transactionId());
        if (previous != null) {
            for (String encoded : untimed(previous).split(";")) {
                Contribution old = Contribution.decode(encoded);
                add(old.period(), old.amount().negate());
            }
        }
        List<Contribution> now = contributionsOf(t, userId);
        if (now.isEmpty()) {
            // most transactions touch no budget: deleting what is not there would still write a changelog tombstone
            if (previous != null) {
                contributions.delete(t.transactionId());
            }
            return;
        }
        contributions.put(t.transactionId(),
                timed(String.join(";", now.stream().map(Contribution::encode).toList())));
        List<Budget> userBudgets = budgetsOf(t);
        ZoneId zone = zoneOf(userId);
        for (Contribution c : now) {
            BigDecimal total = add(c.period(), c.amount());
            userBudgets.stream().filter(b -> b.id().equals(c.budgetId())).findFirst()
                    .filter(budget -> !longEnded(budget, c.periodStart(), zone))
                    .ifPresent(budget -> alertCrossedThresholds(userId, budget, c.periodStart(), total,
                            t.baseCurrency()));
        }
    }

    /**
     * Spending counts positive, a refund in the category negative; only amounts in the budget's currency count, and
     * nothing of a deleted transaction.
     */
    private List<Contribution> contributionsOf(Movement t, String userId) {
        List<Contribution> result = new ArrayList<>();
        if (t.amountInBase() == null || t.deleted()) {
            return result;
        }
        LocalDate day = null;
        for (Budget budget : budgetsOf(t)) {
            if (budget.category().equals(t.category()) && (budget.currency() == null
                    || budget.currency().equals(t.baseCurrency()))) {
                day = day != null ? day : t.occurredAt().atZone(zoneOf(userId)).toLocalDate();
                result.add(new Contribution(userId, budget.id(), t.baseCurrency(), budget.periodStart(day),
                        t.amountInBase().negate()));
            }
        }
        return result;
    }

    private ZoneId zoneOf(String userId) {
        ZoneId zone = zoneCache.get(userId, users::get);
        return zone == null ? DEFAULT_ZONE : zone;
    }

    /** Whether the period ended, in the user's time zone, longer than the grace ago (by the stream's clock). */
    private boolean longEnded(Budget budget, LocalDate periodStart, ZoneId zone) {
        Instant end = budget.periodEnd(periodStart).atStartOfDay(zone).toInstant();
        return end.plus(LATE_ALERT_GRACE).toEpochMilli() < context.currentSystemTimeMs();
    }

    private List<Budget> budgetsOf(Movement t) {
        return t.budgets() != null ? t.budgets() : budgetsOf(t.userId());
    }

    private List<Budget> budgetsOf(String userId) {
        List<Budget> list = budgetsCache.get(userId, budgets::get);
        return list == null ? List.of() : list;
    }

    private BigDecimal add(String period, BigDecimal amount) {
        String current = spent.get(period);
        BigDecimal total = (current == null ? BigDecimal.ZERO : new BigDecimal(untimed(current))).add(amount);
        spent.put(period, timed(total.toPlainString()));
        return total;
    }

    /** Spent totals and contributions carry the wall-clock time they were last written: "value@millis". */
    private String timed(String value) {
        return value + "@" + context.currentSystemTimeMs();
    }

    private static String untimed(String stored) {
        int at = stored.lastIndexOf('@');
        return at < 0 ? stored : stored.substring(0, at);
    }

    private static long touchedAt(String stored) {
        int at = stored.lastIndexOf('@');
        try {
            return at < 0 ? Long.MAX_VALUE : Long.parseLong(stored.substring(at + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void forgetUntouched(long now) {
        long cutoff = now - retention.toMillis();
        spentSweep.pass(spent, (key, value) -> touchedAt(value) < cutoff);
        contributionsSweep.pass(contributions, (key, value) -> touchedAt(value) < cutoff);
        correctionsSweep.pass(corrections, (key, value) -> touchedAt(value) < cutoff);
        // a period's fired thresholds go with its total
        firedSweep.pass(fired, (key, value) -> {
            String period = periodOfFired(key);
            return period != null && spent.get(period) == null;
        });
    }

    /** "userId|currency|budgetId:periodStart:threshold" to "userId|budgetId|currency|periodStart", or null. */
    private static String periodOfFired(String firedKey) {
        String[] userCurrencyAlert = firedKey.split("\\|", 3);
        if (userCurrencyAlert.length < 3) {
            return null;
        }
        String alertId = userCurrencyAlert[2];
        int lastColon = alertId.lastIndexOf(':');
        int colon = lastColon < 0 ? -1 : alertId.lastIndexOf(':', lastColon - 1);
        if (colon < 0) {
            return null;
        }
        return userCurrencyAlert[0] + "|" + alertId.substring(0, colon) + "|" + userCurrencyAlert[1] + "|"
                + alertId.substring(colon + 1, lastColon);
    }

    private void alertCrossedThresholds(String userId, Budget budget, LocalDate periodStart, BigDecimal total,
                                       String baseCurrency) {
        for (int threshold : budget.thresholds()) {
            // spent / limit >= threshold %, compared exactly
            if (total.multiply(BigDecimal.valueOf(100)).compareTo(budget.amount().multiply(BigDecimal.valueOf(threshold))) < 0) {
                break;
            }
            String alertId = budget.id() + ":" + periodStart + ":" + threshold;
            String firedKey = userId + "|" + baseCurrency + "|" + alertId;
            if (fired.get(firedKey) != null) {
                continue;
            }
            fired.put(firedKey, Instant.ofEpochMilli(context.currentSystemTimeMs()).toString());
            BudgetAlert alert = BudgetAlert.newBuilder()
                    .setAlertId(alertId)
                    .setUserId(userId)
                    .setBudgetId(budget.id())
                    .setCategory(budget.category())
                    .setPeriodStart(periodStart)
                    .setPeriodEnd(budget.periodEnd(periodStart))
                    .setThresholdPercent(threshold)
                    .setSpent(total.setScale(4, RoundingMode.UNNECESSARY))
                    .setLimit(budget.amount().setScale(4, RoundingMode.UNNECESSARY))
                    .setCurrency(budget.currency() == null ? baseCurrency : budget.currency())
                    .setRaisedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                    .build();
            context.forward(new Record<>(userId, alert, context.currentSystemTimeMs()));
        }
    }

}
