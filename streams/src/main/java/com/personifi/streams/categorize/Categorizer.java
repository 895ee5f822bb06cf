package com.personifi.streams.categorize;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import com.personifi.schemas.CorrectionKeys;
import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.streams.reference.CategoryRule;
import com.personifi.streams.reference.LearnedCategory;

/**
 * Decides a transaction's category in the order users expect: their own rules, then what their corrections taught,
 * then the built-in patterns, then Uncategorized. A matching rule may also add tags and rename the counterparty.
 */
public final class Categorizer {

    /** What categorization decided, and what a rule asked to change besides the category. */
    public record Decision(Categorization categorization, List<String> tags, String counterparty) {
    }

    private final Function<String, List<CategoryRule>> rulesOfUser;
    private final Function<String, Optional<LearnedCategory>> learned;

    /**
     * @param rulesOfUser the user's rules in priority order, by user id
     * @param learned     a learned category by {@link CorrectionKeys} key
     */
    public Categorizer(Function<String, List<CategoryRule>> rulesOfUser,
                       Function<String, Optional<LearnedCategory>> learned) {
        this.rulesOfUser = rulesOfUser;
        this.learned = learned;
    }

    public Decision categorize(RawTransaction t) {
        for (CategoryRule rule : rulesOfUser.apply(t.getUserId())) {
            if (rule.matches(t)) {
                Categorization categorization = rule.category() == null ? fallback(t)
                        : new Categorization(rule.category(), CategorySource.RULE, 100);
                String counterparty = rule.renameCounterparty() != null ? rule.renameCounterparty() : t.getCounterparty();
                return new Decision(categorization, rule.addTags(), counterparty);
            }
        }
        return new Decision(fallback(t), List.of(), t.getCounterparty());
    }

    /** Learned memory, most specific key first, else the built-in patterns. */
    private Categorization fallback(RawTransaction t) {
        for (String key : CorrectionKeys.of(UUID.fromString(t.getUserId()), t.getMerchantCode(), t.getCounterparty(),
                t.getDescription())) {
            Optional<LearnedCategory> taught = learned.apply(key);
            if (taught.isPresent()) {
                return new Categorization(taught.get().category(), CategorySource.LEARNED, taught.get().confidence());
            }
        }
        return BuiltInCategories.categorize(t);
    }
}
