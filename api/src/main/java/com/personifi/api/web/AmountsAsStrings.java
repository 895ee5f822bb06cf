package com.personifi.api.web;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamWriteFeature;

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
        return builder -> builder
                .withConfigOverride(BigDecimal.class,
                        override -> override.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
                // never "1E+3", which a client might read as text rather than an amount
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
