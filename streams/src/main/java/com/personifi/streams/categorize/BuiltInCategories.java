package com.personifi.streams.categorize;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.ids.TransactionIds;

/**
 * Built-in patterns for African mobile-money operations and merchants: the last word before "Uncategorized",
 * after a user's own rules and learned corrections. First matching pattern wins, so the specific ones come first.
 */
public final class BuiltInCategories {

    private record Rule(String name, Predicate<Subject> matches, String category, int confidence) {
    }

    /** Whole word only: "rent" must not match "current" or "parent". */
    private static final Pattern RENT = Pattern.compile("\\brent\\b");
    /** Channels that carry no parsed paybill number (SMS, some exports) still name it in the text. */
    private static final Pattern KPLC_PAYBILL_IN_TEXT = Pattern.compile("pay ?bill.* to (888880|888888)\\b");
    private static final Set<String> KPLC_PAYBILLS = Set.of("888880", "888888");

    private static final List<Rule> RULES = List.of(
            new Rule("mobile-money charge", t -> t.sourceRef().endsWith(TransactionIds.FEE_SUFFIX)
                    || t.text().endsWith(" charge"), "mobile-money-fees", 95),
            new Rule("Fuliza", t -> t.text().startsWith("overdraft of credit party")
                    || t.text().startsWith("od loan repayment") || t.has("fuliza"), "loans-fuliza", 95),
            new Rule("airtime and bundles", t -> t.has("airtime") || t.has("bundle")
                    || t.text().startsWith("recharge for customer"), "airtime-data", 95),
            new Rule("KPLC tokens", t -> (t.merchantCode() != null && KPLC_PAYBILLS.contains(t.merchantCode()))
                    || t.matches(KPLC_PAYBILL_IN_TEXT) || t.has("kplc"),
                    "electricity", 95),
            new Rule("M-Shwari", t -> t.has("m-shwari"), "savings", 90),
            new Rule("reversal", t -> t.text().startsWith("reversal"), "refunds", 90),
            new Rule("agent withdrawal", t -> t.text().startsWith("customer withdrawal at agent"), "cash-withdrawal", 95),
            new Rule("agent deposit", t -> t.text().startsWith("deposit of funds at agent"), "cash-deposit", 95),
            new Rule("NHIF/SHA and clinics", t -> t.hasAny("sha contributions", "nhif", "social health",
                    "hospital", "clinic", "pharmacy", "chemist"), "health", 90),
            new Rule("school fees", t -> t.hasAny("school", "academy", "college", "university"), "school-fees", 85),
            new Rule("betting", t -> t.hasAny("sportpesa", "betika", "odibets", "mozzart", "betway", "shabiki"),
                    "betting", 95),
            new Rule("water", t -> t.hasAny("nairobi water", "water company", "water and sewerage"),
                    "utilities", 85),
            new Rule("water vendors", t -> t.hasAny("water vendor", "water kiosk", "water point"),
                    "water-purchase", 80),
            new Rule("internet and TV", t -> t.hasAny("home fibre", "zuku", "dstv", "gotv", "startimes",
                    "faiba"), "internet-tv", 90),
            new Rule("cooking gas and charcoal", t -> t.hasAny("progas", "k-gas", "charcoal", "gas refill",
                    "total gas"), "charcoal-gas", 85),
            new Rule("matatu saccos and boda", t -> t.hasAny("sacco", "matatu", "super metro", "boda"),
                    "matatu-bodaboda", 85),
            new Rule("fuel stations", t -> t.hasAny("totalenergies", "shell", "rubis", "vivo energy", "ola energy",
                    "petrol"), "fuel", 85),
            new Rule("eating out", t -> t.hasAny("java house", "kfc", "artcaffe", "chicken inn", "pizza inn",
                    "restaurant", "cafe"), "eating-out", 85),
            new Rule("supermarkets and markets", t -> t.hasAny("naivas", "quickmart", "carrefour", "chandarana",
                    "mama mboga", "tuskys", "magunas", "cleanshelf", "supermarket", "grocer"), "food", 85),
            new Rule("rent", t -> t.matches(RENT) || t.hasAny("landlord", "apartments"), "rent", 70),
            new Rule("salary", t -> t.sign() > 0 && (t.text().startsWith("business payment from")
                    || t.has("salary")), "salary", 70),
            new Rule("money received", t -> t.sign() > 0
                    && t.text().startsWith("funds received from"), "remittances-received", 80),
            new Rule("money sent", t -> t.sign() < 0
                    && (t.text().startsWith("customer transfer") || t.text().startsWith("customer send money")),
                    "remittances-sent", 80));

    private BuiltInCategories() {
    }

    public static Categorization categorize(RawTransaction transaction) {
        Subject subject = new Subject(transaction);
        for (Rule rule : RULES) {
            if (rule.matches().test(subject)) {
                return new Categorization(rule.category(), CategorySource.BUILT_IN, rule.confidence());
            }
        }
        return Categorization.none();
    }

    /** The fields patterns look at, lower-cased once per transaction. */
    private static final class Subject {
        private final String text;
        private final String counterparty;
        private final String merchantCode;
        private final String sourceRef;
        private final int sign;

        Subject(RawTransaction t) {
            this.text = t.getDescription().toLowerCase(Locale.ROOT);
            this.counterparty = t.getCounterparty() == null ? "" : t.getCounterparty().toLowerCase(Locale.ROOT);
            this.merchantCode = t.getMerchantCode();
            this.sourceRef = t.getSourceRef();
            this.sign = t.getAmount().signum();
        }

        String text() {
            return text;
        }

        String merchantCode() {
            return merchantCode;
        }

        String sourceRef() {
            return sourceRef;
        }

        int sign() {
            return sign;
        }

        boolean has(String word) {
            return text.contains(word) || counterparty.contains(word);
        }

        boolean hasAny(String... words) {
            for (String word : words) {
                if (has(word)) {
                    return true;
                }
            }
            return false;
        }

        boolean matches(Pattern pattern) {
            return pattern.matcher(text).find() || pattern.matcher(counterparty).find();
        }
    }
}
