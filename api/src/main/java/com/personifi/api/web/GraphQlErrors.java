package com.personifi.api.web;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/** Typed GraphQL errors for expected failures, mirroring the REST problem details. */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable e, DataFetchingEnvironment env) {
        ErrorType type;
        if (e instanceof InvalidRequestException) {
            type = ErrorType.BAD_REQUEST;
        } else if (e instanceof NotFoundException) {
            type = ErrorType.NOT_FOUND;
        } else {
            return null;
        }
        return GraphqlErrorBuilder.newError(env).errorType(type).message(e.getMessage()).build();
    }
}
