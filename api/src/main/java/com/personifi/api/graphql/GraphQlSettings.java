package com.personifi.api.graphql;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * GraphQL settings ({@code personifi.graphql.*}).
 *
 * @param maxDepth               how many fields deep a query may reach ({@code transactions.edges.node.account.id}
 *                               is 5)
 * @param maxComplexity          what one query may cost: each field 1, and a field taking {@code first} or
 *                               {@code limit} counts its selection that many times; a page of 50 transactions with
 *                               every field costs 1,451
 * @param persistedQueryTtl      how long a persisted query is kept in Redis after it was last stored
 * @param persistedQueriesKeptHere how many persisted queries each instance also keeps in memory: they are served
 *                               without a round trip to Redis, and still while Redis is down
 */
@ConfigurationProperties("personifi.graphql")
record GraphQlSettings(@DefaultValue("10") int maxDepth,
                       @DefaultValue("2000") int maxComplexity,
                       @DefaultValue("30d") Duration persistedQueryTtl,
                       @DefaultValue("1000") int persistedQueriesKeptHere) {
}
