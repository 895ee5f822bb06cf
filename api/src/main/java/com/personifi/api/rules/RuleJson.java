package com.personifi.api.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rule's conditions and actions as stored in {@code category_rules}: the "when" and "then" objects of
 * {@code reference.category-rules}, in the stream's snake_case field names. Amounts are JSON strings, so no amount
 * passes through a double on its way to the stream.
 */
final class RuleJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RuleJson() {
    }

    static String conditions(RuleDefinition.Conditions when) {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "description_contains", when.descriptionContains());
        put(fields, "counterparty_contains", when.counterpartyContains());
        put(fields, "description_regex", when.descriptionRegex());
        put(fields, "merchant_code", when.merchantCode());
        put(fields, "min_amount", when.minAmount() == null ? null : when.minAmount().toPlainString());
        put(fields, "max_amount", when.maxAmount() == null ? null : when.maxAmount().toPlainString());
        put(fields, "account_id", when.accountId() == null ? null : when.accountId().toString());
        put(fields, "direction", when.direction());
        put(fields, "currency", when.currency());
        put(fields, "payment_method", when.paymentMethod());
        return JSON.writeValueAsString(fields);
    }

    static String actions(RuleDefinition.Actions then) {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "category", then.category());
        put(fields, "add_tags", then.addTags());
        put(fields, "rename_counterparty", then.renameCounterparty());
        return JSON.writeValueAsString(fields);
    }

    /** Stored JSON as a tree, to embed in another document (an audit entry). */
    static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    static RuleDefinition.Conditions conditions(String json) {
        JsonNode when = JSON.readTree(json);
        return new RuleDefinition.Conditions(text(when, "description_contains"), text(when, "counterparty_contains"),
                text(when, "description_regex"), text(when, "merchant_code"), decimal(when, "min_amount"),
                decimal(when, "max_amount"), uuid(when, "account_id"), text(when, "direction"),
                text(when, "currency"), text(when, "payment_method"));
    }

    static RuleDefinition.Actions actions(String json) {
        JsonNode then = JSON.readTree(json);
        List<String> tags = new ArrayList<>();
        then.path("add_tags").forEach(tag -> tags.add(tag.asString()));
        return new RuleDefinition.Actions(text(then, "category"), tags, text(then, "rename_counterparty"));
    }

    private static void put(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : new BigDecimal(value);
    }

    private static UUID uuid(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : UUID.fromString(value);
    }
}
