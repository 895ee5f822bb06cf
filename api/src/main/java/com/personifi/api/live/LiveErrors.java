package com.personifi.api.live;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/** Ends a subscription with a typed error a client can act on, instead of a bare "Subscription error". */
@Component
class LiveErrors extends SubscriptionExceptionResolverAdapter {

    enum Classification implements ErrorClassification {
        SUBSCRIBER_TOO_SLOW, TOO_MANY_SUBSCRIPTIONS
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable e) {
        Classification type;
        if (e instanceof SubscriberTooSlow) {
            type = Classification.SUBSCRIBER_TOO_SLOW;
        } else if (e instanceof TooManySubscriptions) {
            type = Classification.TOO_MANY_SUBSCRIPTIONS;
        } else {
            return null;
        }
        return GraphqlErrorBuilder.newError().errorType(type).message(e.getMessage()).build();
    }
}
