package com.personifi.api.graphql;

import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Depth and complexity limits, checked on the parsed query before anything runs: one request must not be able to
 * make the API fetch without bound (nested lists, many aliased pages). Spring Boot adds every instrumentation bean to
 * the GraphQL engine.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

    @Bean
    MaxQueryDepthInstrumentation queryDepthLimit(GraphQlSettings settings) {
        return new MaxQueryDepthInstrumentation(settings.maxDepth()) {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                return IntrospectionOnly.is(parameters.getExecutionContext())
                        ? SimpleInstrumentationContext.noOp() : super.beginExecuteOperation(parameters, state);
            }

            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return QueryLimitExceeded.tooDeep(depth, maxDepth);
            }
        };
    }

    @Bean
    MaxQueryComplexityInstrumentation queryComplexityLimit(GraphQlSettings settings) {
        return new MaxQueryComplexityInstrumentation(settings.maxComplexity(), new QueryCost()) {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                return IntrospectionOnly.is(parameters.getExecutionContext())
                        ? SimpleInstrumentationContext.noOp() : super.beginExecuteOperation(parameters, state);
            }

            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return QueryLimitExceeded.tooComplex(complexity, maxComplexity);
            }
        };
    }
}
