package com.personifi.api.web;

import java.math.BigDecimal;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** GraphQL wiring: money as exact decimal strings. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    static final GraphQLScalarType DECIMAL = GraphQLScalarType.newScalar()
            .name("Decimal")
            .description("Exact decimal amount as a string")
            .coercing(new Coercing<BigDecimal, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof BigDecimal decimal) {
                        return decimal.toPlainString();
                    }
                    throw new CoercingSerializeException("Not a decimal: " + value);
                }

                @Override
                public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
                    try {
                        return new BigDecimal(input.toString());
                    } catch (NumberFormatException e) {
                        throw new CoercingParseValueException("Not a decimal: " + input);
                    }
                }

                @Override
                public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                               Locale locale) {
                    if (input instanceof StringValue text) {
                        return parseValue(text.getValue(), context, locale);
                    }
                    throw new CoercingParseLiteralException("Decimals are written as strings");
                }
            })
            .build();

    @Bean
    RuntimeWiringConfigurer decimalScalar() {
        return wiring -> wiring.scalar(DECIMAL);
    }
}
