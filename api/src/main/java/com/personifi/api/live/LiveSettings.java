package com.personifi.api.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * GraphQL subscriptions ({@code personifi.live.*}).
 *
 * @param bufferPerSubscriber  events one subscriber may fall behind before it is ended with
 *                             {@code SUBSCRIBER_TOO_SLOW}; a statement upload books a few hundred at once
 * @param subscriptionsPerUser subscriptions of one kind one user may hold open on one API instance (a phone, a
 *                             tablet and a browser tab each hold one)
 */
@ConfigurationProperties("personifi.live")
record LiveSettings(@DefaultValue("1024") int bufferPerSubscriber,
                    @DefaultValue("10") int subscriptionsPerUser) {
}
