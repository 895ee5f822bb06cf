package com.personifi.api.graphql;

import graphql.execution.preparsed.persisted.ApolloPersistedQuerySupport;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts persisted queries in front of parsing: a request carrying {@code extensions.persistedQuery.sha256Hash} gets
 * its query from {@link PersistedQueries}; any other request is parsed as usual. Spring GraphQL already accepts a
 * request body without {@code query} when it carries that extension.
 */
@Configuration(proxyBeanMethods = false)
class PersistedQueryProtocol {

    @Bean
    GraphQlSourceBuilderCustomizer persistedQueryLookup(PersistedQueries queries) {
        ApolloPersistedQuerySupport support = new ApolloPersistedQuerySupport(queries);
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(support));
    }
}
