package com.personifi.streams.categorize;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.personifi.schemas.events.CategorySource;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.ids.TransactionIds;

/**
 * Built-in patterns for African mobile-money operations, billers and merchants: the last word before
 * "Uncategorized", after a user's own rules and learned corrections. The first matching pattern wins, so specific
 * ones (fees, loans, billers) come before generic ones (shops, transfers between people).
 * <p>
 * Words match whole words of the description and counterparty (lower case, punctuation as spaces), so "bus" does not
 * match "business"; phrases match whole-word sequences. Each transaction is tokenized once.
 */
public final class BuiltInCategories {

    private record Rule(String name, Predicate<Subject> matches, String category, int confidence) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("mobile-money charge", t -> t.sourceRef.endsWith(TransactionIds.FEE_SUFFIX)
                    || t.description.endsWith(" charge") || t.description.endsWith(" charges")
                    || t.any("excise duty", "ledger fee", "maintenance fee", "sms charge"), "mobile-money-fees", 95),
            new Rule("loans and Fuliza", t -> t.description.startsWith("overdraft of credit party")
                    || t.any("fuliza", "od loan", "loan", "loans", "tala", "branch international", "zenka", "fairmoney",
                    "okash", "timiza", "songesha", "wewole", "hustler fund", "m-shwari loan", "kcb m-pesa loan",
                    "mokash loan", "lipa later"), "loans-fuliza", 90),
            new Rule("reversals and refunds", t -> t.description.startsWith("reversal") || t.any("refund", "refunded"),
                    "refunds", 90),
            new Rule("airtime and bundles", t -> t.any("airtime", "bundle", "bundles", "data bundle", "recharge",
                    "tunukiwa"), "airtime-data", 95),
            new Rule("electricity tokens and bills", t -> "888880".equals(t.merchantCode)
                    || "888888".equals(t.merchantCode) || t.any("888880", "888888", "kplc", "luku", "umeme", "yaka", "ecg", "ikedc",
                    "ekedc", "aedc", "tanesco", "eucl", "prepaid mtr", "electricity", "zesco"), "electricity", 95),
            new Rule("matatu, boda and rides", t -> t.sign < 0 && t.any("matatu", "boda", "bodaboda", "super metro",
                    "embassava", "rombo", "citi hoppa", "kbs", "bolt", "uber", "little", "yego", "coach", "bus",
                    "brt", "express", "fare", "taxify", "safeboda", "faras"), "matatu-bodaboda", 85),
            new Rule("savings", t -> t.any("m-shwari", "mshwari", "mokash", "sacco", "saccos", "savings",
                    "fixed deposit", "lock savings", "chama", "ziidi"), "savings", 85),
            new Rule("cash withdrawals", t -> t.any("withdrawal at agent", "withdraw", "cash out", "atm wdl",
                    "atm withdrawal", "cash withdrawal", "agent withdrawal"), "cash-withdrawal", 95),
            new Rule("cash deposits", t -> t.any("deposit of funds", "cash in", "cash deposit", "deposit at agent",
                    "agent deposit"), "cash-deposit", 90),
            new Rule("health", t -> t.any("sha", "nhif", "social health", "hospital", "clinic", "pharmacy",
                    "pharmaceuticals", "chemist", "medical", "dental", "laboratory", "nursing home", "health"),
                    "health", 90),
            new Rule("school fees", t -> t.any("school", "schools", "academy", "college", "university", "daycare",
                    "day care", "kindergarten", "school fees", "adm", "tuition", "polytechnic"), "school-fees", 85),
            new Rule("betting", t -> t.any("sportpesa", "betika", "odibets", "mozzart", "betway", "shabiki",
                    "sportybet", "bet9ja", "bet", "lotto", "betting", "1xbet"), "betting", 95),
            new Rule("water and municipal bills", t -> t.any("nairobi water", "water company", "water and sewerage",
                    "water project", "water bill", "nwsc", "dawasa", "gwcl", "wasac", "county", "garbage",
                    "land rates", "water services board"), "utilities", 85),
            new Rule("water vendors", t -> t.any("water supplies", "water vendor", "water kiosk", "water point",
                    "water atm", "bowser", "water delivery", "maji"), "water-purchase", 80),
            new Rule("internet and TV", t -> t.any("home fibre", "safaricom home", "zuku", "dstv", "gotv",
                    "startimes", "faiba", "multichoice", "azam", "wifi", "internet", "fibre", "showmax"),
                    "internet-tv", 90),
            new Rule("cooking gas and charcoal", t -> t.any("progas", "k-gas", "total gas", "gas point",
                    "gas refill", "cooking gas", "lpg", "charcoal", "mkaa", "afrigas", "gas"), "charcoal-gas", 85),
            new Rule("generator fuel", t -> t.any("generator", "genset", "diesel depot"), "generator-fuel", 80),
            new Rule("vehicle fuel", t -> t.sign < 0 && t.any("totalenergies", "total energies", "shell", "rubis",
                    "vivo energy", "ola energy", "petrol", "filling station", "service station", "fuel"), "fuel", 85),
            new Rule("eating out", t -> t.sign < 0 && t.any("java house", "kfc", "artcaffe", "chicken inn",
                    "pizza inn", "chicken republic", "restaurant", "cafe", "hotel", "chips", "food court", "eatery",
                    "joint", "grill", "kitchen", "canteen", "waakye", "nyama choma", "burger", "diner", "pizza",
                    "kilimanjaro", "chicken", "bistro", "lounge"), "eating-out", 85),
            new Rule("food shops and markets", t -> t.any("naivas", "quickmart", "carrefour", "chandarana", "tuskys",
                    "magunas", "cleanshelf", "shoprite", "shoppers", "supermarket", "supermarkets", "mini mart",
                    "minimart", "grocer", "grocery", "groceries", "mama mboga", "kiosk", "butchery", "butcher",
                    "fruits", "milk", "market", "fish", "posho", "alimentation", "foodstuff", "foodstuffs", "genge",
                    "bakery", "duka", "greengrocer", "dairy"), "food", 85),
            new Rule("shops", t -> t.sign < 0 && t.any("hardware", "stationers", "stationery", "salon", "barber",
                    "spares", "boutique", "fashion", "fashions", "shoe", "shoes", "appliances", "electronics",
                    "jumia", "kilimall", "melcom", "decathlon", "waikiki", "mall", "textiles", "cosmetics", "beauty",
                    "furniture", "bookshop", "clothing", "stores"), "shopping", 80),
            new Rule("entertainment", t -> t.any("cinema", "cinemax", "imax", "spotify", "netflix", "ticketsasa",
                    "tickets", "madfun", "concert", "club", "theatre", "games"), "entertainment", 85),
            new Rule("insurance", t -> t.any("insurance", "britam", "jubilee", "allianz", "madison", "old mutual",
                    "sanlam", "assurance"), "insurance", 85),
            new Rule("rent", t -> t.any("rent", "landlord", "rentals", "apartments", "house rent", "caretaker"),
                    "rent", 75),
            new Rule("interest", t -> t.sign > 0 && t.any("interest", "dividend", "dividends"), "interest", 85),
            new Rule("own accounts", t -> t.any("own account", "to own", "own m-pesa", "own mpesa", "self transfer")
                    || (t.sign < 0 && t.description.startsWith("pay bill") && t.any("bank", "equity", "co-operative",
                    "ncba", "stanbic", "absa", "i&m", "dtb", "family bank")), "own-transfers", 70),
            new Rule("remittance companies", t -> t.sign > 0 && t.any("worldremit", "world remit", "western union",
                    "moneygram", "remitly", "sendwave", "mukuru", "lemfi", "inward remittance", "taptap send"),
                    "remittances-received", 90),
            new Rule("business income", t -> t.sign > 0 && t.any("payouts", "payout", "upwork", "fiverr", "glovo",
                    "bolt operations", "farmers payments", "contractors", "sales", "invoice"), "business-income", 75),
            new Rule("salary", t -> t.sign > 0 && (t.description.startsWith("business payment from")
                    || t.any("salary", "payroll", "wages", "stipend")), "salary", 70),
            new Rule("money received", t -> t.sign > 0 && t.any("funds received", "received from", "you have received",
                    "received", "umepokea", "payment received"), "remittances-received", 80),
            new Rule("money sent", t -> t.sign < 0 && (t.description.startsWith("customer transfer")
                    || t.any("send money", "sent to", "transfer to", "customer send money", "imetumwa", "sent")),
                    "remittances-sent", 80));

    /** The rules' terms, normalized once instead of for every transaction. */
    private static final Map<String, String> NORMALIZED_TERMS = new ConcurrentHashMap<>();

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

    /** Lower case, with every run of characters other than letters, digits and '&' turned into one space. */
    static String normalize(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}&]+", " ").strip();
    }

    /** The fields patterns look at, tokenized once per transaction. */
    private static final class Subject {
        private final String description;
        private final String padded;
        private final Set<String> words;
        private final String merchantCode;
        private final String sourceRef;
        private final int sign;

        Subject(RawTransaction t) {
            this.description = t.getDescription().toLowerCase(Locale.ROOT).strip();
            String text = normalize(t.getDescription()) + " " + normalize(t.getCounterparty());
            this.padded = " " + text + " ";
            this.words = new HashSet<>(Arrays.asList(text.split(" ")));
            this.merchantCode = t.getMerchantCode();
            this.sourceRef = t.getSourceRef();
            this.sign = t.getAmount().signum();
        }

        /** True if any term occurs as a whole word, or a phrase as a whole-word sequence. */
        boolean any(String... terms) {
            for (String term : terms) {
                String normalized = NORMALIZED_TERMS.computeIfAbsent(term, BuiltInCategories::normalize);
                if (normalized.indexOf(' ') < 0 ? words.contains(normalized)
                        : padded.contains(" " + normalized + " ")) {
                    return true;
                }
            }
            return false;
        }
    }
}
