package com.personifi.streams.reference;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.personifi.schemas.money.Money;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON of the {@code reference.*} topics. Field names are the database's column names, as CDC and the API
 * both publish them; a Debezium envelope ({@code {"after": …}}) is unwrapped.
 */
public final class ReferenceJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReferenceJson() {
    }

    static JsonNode read(byte[] value) {
        try {
            JsonNode node = JSON.readTree(new String(value, StandardCharsets.UTF_8));
            return node.has("after") ? node.get("after") : node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Reference data is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code {"user_id":…, "rules":[{"id","priority","when":{…},"then":{…}}]}}, in priority order. */
    public static List<CategoryRule> rules(byte[] value) {
        List<CategoryRule> rules = new ArrayList<>();
        for (JsonNode rule : read(value).path("rules")) {
            JsonNode when = rule.path("when");
            JsonNode then = rule.path("then");
            List<String> tags = new ArrayList<>();
            then.path("add_tags").forEach(tag -> tags.add(tag.asString()));
            rules.add(new CategoryRule(rule.path("id").asString(""), rule.path("priority").asInt(100),
                    lower(when, "description_contains"), lower(when, "counterparty_contains"),
                    regex(text(when, "description_regex")), text(when, "merchant_code"),
                    decimal(when, "min_amount"), decimal(when, "max_amount"), text(when, "account_id"),
                    upper(when, "direction"), upper(when, "currency"), upper(when, "payment_method"),
                    text(then, "category"), List.copyOf(tags), text(then, "rename_counterparty")));
        }
        rules.sort(Comparator.comparingInt(CategoryRule::priority));
        return rules;
    }

    /** {@code {"category":"food","corrections":3}}: how often the user put this merchant in this category. */
    public static LearnedCategory learned(byte[] value) {
        JsonNode node = read(value);
        String category = text(node, "category");
        if (category == null) {
            throw new IllegalArgumentException("Correction without category");
        }
        return new LearnedCategory(category, Math.max(1, node.path("corrections").asInt(1)));
    }

    /** {@code {"user_id":…, "budgets":[{"id","category","amount","currency","period","start_day","thresholds"}]}}. */
    public static List<Budget> budgets(byte[] value) {
        List<Budget> budgets = new ArrayList<>();
        for (JsonNode b : read(value).path("budgets")) {
            List<Integer> thresholds = new ArrayList<>();
            b.path("thresholds").forEach(t -> thresholds.add(t.asInt()));
            if (thresholds.isEmpty()) {
                thresholds.addAll(Budget.DEFAULT_THRESHOLDS);
            }
            thresholds.sort(Comparator.naturalOrder());
            BigDecimal amount = decimal(b, "amount");
            if (amount == null || amount.signum() <= 0 || amount.scale() > 4 || amount.setScale(4).precision() > 19
                    || text(b, "category") == null || text(b, "id") == null) {
                throw new IllegalArgumentException("Budget " + text(b, "id")
                        + " needs an id, a category and a positive amount of at most 4 decimals");
            }
            Budget.Period period = Budget.Period.valueOf(b.path("period").asString("MONTHLY").toUpperCase(Locale.ROOT));
            int startDay = b.path("start_day").asInt(1);
            if (startDay < 1 || startDay > (period == Budget.Period.WEEKLY ? 7 : 31)) {
                throw new IllegalArgumentException("Budget " + text(b, "id") + " has start_day " + startDay);
            }
            String currency = upper(b, "currency");
            if (currency != null) {
                Money.currency(currency);
            }
            budgets.add(new Budget(text(b, "id"), text(b, "category"), amount, currency, period, startDay,
                    List.copyOf(thresholds)));
        }
        return budgets;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString().strip();
    }

    private static String lower(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String upper(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a decimal: " + value);
        }
    }

    private static BoundedRegex regex(String value) {
        return value == null ? null : BoundedRegex.compile(value);
    }
}
