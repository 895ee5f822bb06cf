package com.personifi.api.transactions;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.live.UserFeed;
import com.personifi.schemas.events.EnrichedTransaction;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** The user's transactions as the stream books them, over GraphQL WebSocket subscriptions. */
@Controller
class TransactionSubscriptions {

    private final UserFeed<EnrichedTransaction> booked;

    TransactionSubscriptions(UserFeed<EnrichedTransaction> booked) {
        this.booked = booked;
    }

    /** Each event resolves its {@code account} like a query's page does, scoped to the same user. */
    @SubscriptionMapping
    Flux<LedgerTransactions.Transaction> transactionBooked(@AuthenticationPrincipal CurrentUser user) {
        return booked.subscribe(user.id()).map(LedgerTransactions::booked);
    }
}
