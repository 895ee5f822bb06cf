package com.personifi.streams.categorize;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import com.personifi.schemas.Words;
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

    private static final Terms MOBILE_MONEY_CHARGE = Terms.of("excise duty", "ledger fee", "maintenance fee",
            "sms charge");
    private static final Terms LOANS_AND_FULIZA = Terms.of("fuliza", "od loan", "loan", "loans", "tala",
            "branch international", "zenka", "fairmoney", "okash", "timiza", "songesha", "wewole", "hustler fund",
            "m-shwari loan", "kcb m-pesa loan", "mokash loan", "lipa later");
    private static final Terms REVERSALS_AND_REFUNDS = Terms.of("refund", "refunded");
    private static final Terms AIRTIME_AND_BUNDLES = Terms.of("airtime", "bundle", "bundles", "data bundle",
            "recharge", "tunukiwa");
    private static final Terms ELECTRICITY_TOKENS_AND_BILLS = Terms.of("888880", "888888", "kplc", "luku", "umeme",
            "yaka", "ecg", "ikedc", "ekedc", "aedc", "tanesco", "eucl", "prepaid mtr", "electricity", "zesco");
    private static final Terms MATATU_BODA_AND_RIDES = Terms.of("matatu", "boda", "bodaboda", "super metro",
            "embassava", "rombo", "citi hoppa", "kbs", "bolt", "uber", "little", "yego", "coach", "bus", "brt",
            "express", "fare", "taxify", "safeboda", "faras");
    private static final Terms SAVINGS = Terms.of("m-shwari", "mshwari", "mokash", "sacco", "saccos", "savings",
            "fixed deposit", "lock savings", "chama", "ziidi");
    private static final Terms CASH_WITHDRAWALS = Terms.of("withdrawal at agent", "withdraw", "cash out", "atm wdl",
            "atm withdrawal", "cash withdrawal", "agent withdrawal");
    private static final Terms CASH_DEPOSITS = Terms.of("deposit of funds", "cash in", "cash deposit",
            "deposit at agent", "agent deposit");
    private static final Terms HEALTH = Terms.of("sha", "nhif", "social health", "hospital", "clinic", "pharmacy",
            "pharmaceuticals", "chemist", "medical", "dental", "laboratory", "nursing home", "health");
    private static final Terms SCHOOL_FEES = Terms.of("school", "schools", "academy", "college", "university",
            "daycare", "day care", "kindergarten", "school fees", "adm", "tuition", "polytechnic");
    private static final Terms BETTING = Terms.of("sportpesa", "betika", "odibets", "mozzart", "betway", "shabiki",
            "sportybet", "bet9ja", "bet", "lotto", "betting", "1xbet");
    private static final Terms WATER_AND_MUNICIPAL_BILLS = Terms.of("nairobi water", "water company",
            "water and sewerage", "water project", "water bill", "nwsc", "dawasa", "gwcl", "wasac", "county",
            "garbage", "land rates", "water services board");
    private static final Terms WATER_VENDORS = Terms.of("water supplies", "water vendor", "water kiosk",
            "water point", "water atm", "bowser", "water delivery", "maji");
    private static final Terms INTERNET_AND_TV = Terms.of("home fibre", "safaricom home", "zuku", "dstv", "gotv",
            "startimes", "faiba", "multichoice", "azam", "wifi", "internet", "fibre", "showmax");
    private static final Terms COOKING_GAS_AND_CHARCOAL = Terms.of("progas", "k-gas", "total gas", "gas point",
            "gas refill", "cooking gas", "lpg", "charcoal", "mkaa", "afrigas", "gas");
    private static final Terms GENERATOR_FUEL = Terms.of("generator", "genset", "diesel depot");
    private static final Terms VEHICLE_FUEL = Terms.of("totalenergies", "total energies", "shell", "rubis",
            "vivo energy", "ola energy", "petrol", "filling station", "service station", "fuel");
    private static final Terms EATING_OUT = Terms.of("java house", "kfc", "artcaffe", "chicken inn", "pizza inn",
            "chicken republic", "restaurant", "cafe", "hotel", "chips", "food court", "eatery", "joint", "grill",
            "kitchen", "canteen", "waakye", "nyama choma", "burger", "diner", "pizza", "kilimanjaro", "chicken",
            "bistro", "lounge");
    private static final Terms FOOD_SHOPS_AND_MARKETS = Terms.of("naivas", "quickmart", "carrefour", "chandarana",
            "tuskys", "magunas", "cleanshelf", "shoprite", "shoppers", "supermarket", "supermarkets", "mini mart",
            "minimart", "grocer", "grocery", "groceries", "mama mboga", "kiosk", "butchery", "butcher", "fruits",
            "milk", "market", "fish", "posho", "alimentation", "foodstuff", "foodstuffs", "genge", "bakery", "duka",
            "greengrocer", "dairy");
    private static final Terms SHOPS = Terms.of("hardware", "stationers", "stationery", "salon", "barber", "spares",
            "boutique", "fashion", "fashions", "shoe", "shoes", "appliances", "electronics", "jumia", "kilimall",
            "melcom", "decathlon", "waikiki", "mall", "textiles", "cosmetics", "beauty", "furniture", "bookshop",
            "clothing", "stores");
    private static final Terms ENTERTAINMENT = Terms.of("cinema", "cinemax", "imax", "spotify", "netflix",
            "ticketsasa", "tickets", "madfun", "concert", "club", "theatre", "games");
    private static final Terms INSURANCE = Terms.of("insurance", "britam", "jubilee", "allianz", "madison",
            "old mutual", "sanlam", "assurance");
    private static final Terms RENT = Terms.of("rent", "landlord", "rentals", "apartments", "house rent",
            "caretaker");
    private static final Terms INTEREST = Terms.of("interest", "dividend", "dividends");
    private static final Terms OWN_ACCOUNTS = Terms.of("own account", "to own", "own m-pesa", "own mpesa",
            "self transfer");
    private static final Terms OWN_ACCOUNTS_2 = Terms.of("bank", "equity", "co-operative", "ncba", "stanbic", "absa",
            "i&m", "dtb", "family bank");
    private static final Terms REMITTANCE_COMPANIES = Terms.of("worldremit", "world remit", "western union",
            "moneygram", "remitly", "sendwave", "mukuru", "lemfi", "inward remittance", "taptap send");
    private static final Terms BUSINESS_INCOME = Terms.of("payouts", "payout", "upwork", "fiverr", "glovo",
            "bolt operations", "farmers payments", "contractors", "sales", "invoice");
    private static final Terms SALARY = Terms.of("salary", "payroll", "wages", "stipend");
    private static final Terms MONEY_RECEIVED = Terms.of("funds received", "received from", "you have received",
            "received", "umepokea", "payment received");
    private static final Terms MONEY_SENT = Terms.of("send money", "sent to", "transfer to", "customer send money",
            "imetumwa", "sent");

    private static final List<Rule> RULES = List.of(
            new Rule("mobile-money charge", t -> t.sourceRef.endsWith(TransactionIds.FEE_SUFFIX)
                    || t.description.endsWith(" charge") || t.description.endsWith(" charges")
                    || t.any(MOBILE_MONEY_CHARGE), "mobile-money-fees", 95),
            new Rule("loans and Fuliza", t -> t.description.startsWith("overdraft of credit party")
                    || t.any(LOANS_AND_FULIZA), "loans-fuliza", 90),
            new Rule("reversals and refunds", t -> t.description.startsWith("reversal") || t.any(REVERSALS_AND_REFUNDS),
                    "refunds", 90),
            new Rule("airtime and bundles", t -> t.any(AIRTIME_AND_BUNDLES), "airtime-data", 95),
            new Rule("electricity tokens and bills", t -> "888880".equals(t.merchantCode)
                    || "888888".equals(t.merchantCode) || t.any(ELECTRICITY_TOKENS_AND_BILLS), "electricity", 95),
            new Rule("matatu, boda and rides", t -> t.sign < 0 && t.any(MATATU_BODA_AND_RIDES), "matatu-bodaboda", 85),
            new Rule("savings", t -> t.any(SAVINGS), "savings", 85),
            new Rule("cash withdrawals", t -> t.any(CASH_WITHDRAWALS), "cash-withdrawal", 95),
            new Rule("cash deposits", t -> t.any(CASH_DEPOSITS), "cash-deposit", 90),
            new Rule("health", t -> t.any(HEALTH),
                    "health", 90),
            new Rule("school fees", t -> t.any(SCHOOL_FEES), "school-fees", 85),
            new Rule("betting", t -> t.any(BETTING), "betting", 95),
            new Rule("water and municipal bills", t -> t.any(WATER_AND_MUNICIPAL_BILLS), "utilities", 85),
            new Rule("water vendors", t -> t.any(WATER_VENDORS), "water-purchase", 80),
            new Rule("internet and TV", t -> t.any(INTERNET_AND_TV),
                    "internet-tv", 90),
            new Rule("cooking gas and charcoal", t -> t.any(COOKING_GAS_AND_CHARCOAL), "charcoal-gas", 85),
            new Rule("generator fuel", t -> t.any(GENERATOR_FUEL), "generator-fuel", 80),
            new Rule("vehicle fuel", t -> t.sign < 0 && t.any(VEHICLE_FUEL), "fuel", 85),
            new Rule("eating out", t -> t.sign < 0 && t.any(EATING_OUT), "eating-out", 85),
            new Rule("food shops and markets", t -> t.any(FOOD_SHOPS_AND_MARKETS), "food", 85),
            new Rule("shops", t -> t.sign < 0 && t.any(SHOPS), "shopping", 80),
            new Rule("entertainment", t -> t.any(ENTERTAINMENT), "entertainment", 85),
            new Rule("insurance", t -> t.any(INSURANCE), "insurance", 85),
            new Rule("rent", t -> t.any(RENT),
                    "rent", 75),
            new Rule("interest", t -> t.sign > 0 && t.any(INTEREST), "interest", 85),
            new Rule("own accounts", t -> t.any(OWN_ACCOUNTS)
                    || (t.sign < 0 && t.description.startsWith("pay bill") && t.any(OWN_ACCOUNTS_2)), "own-transfers", 70),
            new Rule("remittance companies", t -> t.sign > 0 && t.any(REMITTANCE_COMPANIES),
                    "remittances-received", 90),
            new Rule("business income", t -> t.sign > 0 && t.any(BUSINESS_INCOME), "business-income", 75),
            new Rule("salary", t -> t.sign > 0 && (t.description.startsWith("business payment from")
                    || t.any(SALARY)), "salary", 70),
            new Rule("money received", t -> t.sign > 0 && t.any(MONEY_RECEIVED), "remittances-received", 80),
            new Rule("money sent", t -> t.sign < 0 && (t.description.startsWith("customer transfer")
                    || t.any(MONEY_SENT)),
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

    /** Lower case, with every run of characters other than letters, digits and '&' turned into one space. */
    static String normalize(String text) {
        return Words.normalize(text, c -> Character.isLetterOrDigit(c) || c == '&');
    }

    /** A rule's words and phrases, normalized once; phrases padded with spaces for whole-word matching. */
    private record Terms(String[] words, String[] phrases) {

        static Terms of(String... terms) {
            List<String> words = new java.util.ArrayList<>();
            List<String> phrases = new java.util.ArrayList<>();
            for (String term : terms) {
                String normalized = normalize(term);
                if (normalized.indexOf(' ') < 0) {
                    words.add(normalized);
                } else {
                    phrases.add(" " + normalized + " ");
                }
            }
            return new Terms(words.toArray(String[]::new), phrases.toArray(String[]::new));
        }
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
            this.words = new HashSet<>();
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == ' ') {
                    if (i > start) {
                        words.add(text.substring(start, i));
                    }
                    start = i + 1;
                }
            }
            this.merchantCode = t.getMerchantCode();
            this.sourceRef = t.getSourceRef();
            this.sign = t.getAmount().signum();
        }

        /** True if any term occurs as a whole word, or a phrase as a whole-word sequence. */
        boolean any(Terms terms) {
            for (String word : terms.words) {
                if (words.contains(word)) {
                    return true;
                }
            }
            for (String phrase : terms.phrases) {
                if (padded.contains(phrase)) {
                    return true;
                }
            }
            return false;
        }
    }
}
