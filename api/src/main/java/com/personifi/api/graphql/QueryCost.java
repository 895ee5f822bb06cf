package com.personifi.api.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;

/**
 * What a field costs: 1, plus its selection — counted as many times as the field's {@code first} or {@code limit}
 * asks for, since that is how many times the selection is resolved. A page of 200 transactions costs 200 times what
 * one transaction costs, so aliasing large pages side by side cannot multiply the work unnoticed.
 */
final class QueryCost implements FieldComplexityCalculator {

    @Override
    public int calculate(FieldComplexityEnvironment env, int childComplexity) {
        long cost = 1 + (long) childComplexity * repetitions(env);
        return (int) Math.min(cost, Integer.MAX_VALUE);
    }

    private static long repetitions(FieldComplexityEnvironment env) {
        Object count = env.getArguments().get("first");
        if (count == null) {
            count = env.getArguments().get("limit");
        }
        return count instanceof Number n ? Math.max(1, n.longValue()) : 1;
    }
}
