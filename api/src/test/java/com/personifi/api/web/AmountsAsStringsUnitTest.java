package com.personifi.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AmountsAsStringsUnitTest {

    private final JsonMapper json = mapper();

    private static JsonMapper mapper() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new AmountsAsStrings().decimalsAsStrings().customize(builder);
        return builder.build();
    }

    @Test
    void writesEveryDecimalAsPlainDigitsInAString() {
        assertThat(json.writeValueAsString(Map.of("amount", new BigDecimal("-1234.50"))))
                .isEqualTo("{\"amount\":\"-1234.50\"}");
        assertThat(json.writeValueAsString(Map.of("amount", new BigDecimal("1E+3"))))
                .isEqualTo("{\"amount\":\"1000\"}");
    }

    /** ?fields= trims a tree of the answer: the same digits come out of it. */
    @Test
    void writesTheSameDigitsIntoATree() {
        JsonNode tree = json.valueToTree(Map.of("rate", new BigDecimal("0E-10"), "amount", new BigDecimal("12.3400")));

        assertThat(tree.get("rate").isString()).isTrue();
        assertThat(tree.get("rate").asString()).isEqualTo("0.0000000000");
        assertThat(tree.get("amount").asString()).isEqualTo("12.3400");
    }

    @Test
    void stillReadsDecimalsSentAsNumbersOrStrings() {
        record Entry(BigDecimal amount) {
        }
        assertThat(json.readValue("{\"amount\":12.50}", Entry.class).amount()).isEqualByComparingTo("12.50");
        assertThat(json.readValue("{\"amount\":\"12.50\"}", Entry.class).amount()).isEqualByComparingTo("12.50");
    }
}
