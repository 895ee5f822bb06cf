package com.personifi.api.web;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

/**
 * An operation answered with one error before it runs, for interceptors that refuse one (over WebSocket, where no
 * HTTP status can say it).
 */
public final class GraphQlRefusals {

    private GraphQlRefusals() {
    }

    public static WebGraphQlResponse refuse(WebGraphQlRequest request, GraphQLError error) {
        ExecutionResult result = ExecutionResult.newExecutionResult().addError(error).build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }
}
