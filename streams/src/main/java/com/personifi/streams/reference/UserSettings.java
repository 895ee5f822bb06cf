package com.personifi.streams.reference;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's settings as they arrive on {@code reference.users}: the row of the users table in the flat JSON that
 * Debezium's new-record-state extraction produces ({@code {"id":…,"base_currency":"KES","time_zone":…}}), so the
 * topology does not care whether the API or CDC published it.
 */
public record UserSettings(String userId, String baseCurrency, String timeZone) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static UserSettings parse(byte[] json) {
        return parse(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }

    public static UserSettings parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode payload = node.has("after") ? node.get("after") : node;
            String baseCurrency = payload.path("base_currency").asString(null);
            if (baseCurrency == null || baseCurrency.isBlank()) {
                throw new IllegalArgumentException("User settings without base_currency: " + json);
            }
            String currency = baseCurrency.strip().toUpperCase(java.util.Locale.ROOT);
            com.personifi.schemas.money.Money.currency(currency);
            String zone = java.time.ZoneId.of(payload.path("time_zone").asString("Africa/Nairobi")).getId();
            return new UserSettings(payload.path("id").asString(null), currency, zone);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("User settings are not JSON: " + e.getOriginalMessage(), e);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("User settings with an unknown time zone: " + e.getMessage(), e);
        }
    }
}
