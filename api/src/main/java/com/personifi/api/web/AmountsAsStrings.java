package com.personifi.api.web;

import java.math.BigDecimal;

import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Every decimal the API writes as JSON is a string ("1234.50"), as GraphQL's {@code Decimal} is: a JSON number is read
 * as a binary float by most clients (JavaScript, Dart, Swift's JSONSerialization), which cannot hold 0.10 or a large
 * shilling balance exactly. One rule for every answer, so an endpoint added later cannot forget it. Decimals sent to
 * the API may be strings or numbers.
 */
@Configuration(proxyBeanMethods = false)
class AmountsAsStrings {

    static {
        // the OpenAPI document says so too, for answers and requests alike
        SpringDocUtils.getConfig().replaceWithSchema(BigDecimal.class,
                new StringSchema().format("decimal").pattern("^-?\\d+(\\.\\d+)?$").example("1234.50"));
    }

    @Bean
    JsonMapperBuilderCustomizer decimalsAsStrings() {
        return builder -> builder.addModule(new SimpleModule("decimals-as-strings")
                .addSerializer(BigDecimal.class, new PlainDecimal()));
    }

    /**
     * Plain digits, never "1E+3" or "0E-10", which a client might read as text rather than an amount; the same
     * through every path (a tree for {@code ?fields=} as well as a streamed answer), as it depends on no generator
     * setting.
     */
    static final class PlainDecimal extends StdSerializer<BigDecimal> {

        PlainDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(value.toPlainString());
        }
    }
}
