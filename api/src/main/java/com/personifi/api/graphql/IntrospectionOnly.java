package com.personifi.api.graphql;

import graphql.execution.ExecutionContext;
import graphql.language.Field;
import graphql.language.Selection;

/**
 * GraphiQL and code generators read the schema with an introspection query deeper than any query over our data
 * ({@code ofType} nested seven times). graphql-java already limits introspection itself ("good faith
 * introspection"), so the limits on data queries leave an operation alone when it asks for nothing else.
 */
final class IntrospectionOnly {

    private IntrospectionOnly() {
    }

    static boolean is(ExecutionContext context) {
        for (Selection<?> selection : context.getOperationDefinition().getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !field.getName().startsWith("__")) {
                return false;
            }
        }
        return true;
    }
}
