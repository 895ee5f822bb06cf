package com.personifi.api.graphql;

import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;

/**
 * A query refused before it ran because it asked for too much. Its error is classified {@code QUERY_TOO_DEEP} or
 * {@code QUERY_TOO_COMPLEX} and carries the limit and the query's own figure, so a client can tell what to trim.
 */
final class QueryLimitExceeded {

    enum Limit implements ErrorClassification {
        QUERY_TOO_DEEP, QUERY_TOO_COMPLEX
    }

    private QueryLimitExceeded() {
    }

    static AbortExecutionException tooDeep(int depth, int maxDepth) {
        return refusal(Limit.QUERY_TOO_DEEP, "The query reaches " + depth + " fields deep; the limit is " + maxDepth,
                Map.of("depth", depth, "maxDepth", maxDepth));
    }

    static AbortExecutionException tooComplex(int complexity, int maxComplexity) {
        return refusal(Limit.QUERY_TOO_COMPLEX, "The query's complexity is " + complexity + "; the limit is "
                        + maxComplexity + " (each field counts 1, a list taking first or limit counts that many times)",
                Map.of("complexity", complexity, "maxComplexity", maxComplexity));
    }

    private static AbortExecutionException refusal(Limit limit, String message, Map<String, Object> figures) {
        return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError().errorType(limit).message(message)
                .extensions(figures).build()));
    }
}
