package com.personifi.api.live;

import java.util.UUID;

import com.personifi.schemas.Topics;
import com.personifi.schemas.events.BudgetAlert;
import com.personifi.schemas.events.EnrichedTransaction;
import com.personifi.schemas.serde.AvroSerde;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The feeds behind GraphQL subscriptions: booked transactions ({@code ledger.transactions.enriched}, keyed by
 * account, the value naming its user) and budget alerts ({@code alerts.budget}). One consumer per topic and API
 * instance, in consumer groups named after this instance, fans out to every subscriber here.
 */
@Configuration(proxyBeanMethods = false)
class LiveFeeds {

    /**
     * Where subscribers' events are resolved and sent on: Reactor's scheduler for blocking work, since resolving a
     * transaction's account reads the database.
     */
    private static final Scheduler WORKERS = Schedulers.boundedElastic();

    /** Names this instance's consumer groups: each instance must see every record. */
    private final String instance = UUID.randomUUID().toString();

    @Bean
    UserFeed<EnrichedTransaction> bookedTransactions(LiveSettings settings) {
        return new UserFeed<>(Topics.ENRICHED_TRANSACTIONS, settings.bufferPerSubscriber(),
                settings.subscriptionsPerUser(), WORKERS);
    }

    @Bean
    UserFeed<BudgetAlert> budgetAlerts(LiveSettings settings) {
        return new UserFeed<>(Topics.BUDGET_ALERTS, settings.bufferPerSubscriber(), settings.subscriptionsPerUser(),
                WORKERS);
    }

    @Bean
    TopicTail<EnrichedTransaction> bookedTransactionsTail(UserFeed<EnrichedTransaction> bookedTransactions,
                                                          @Value("${spring.kafka.bootstrap-servers}") String servers) {
        return new TopicTail<>(bookedTransactions, servers, group(Topics.ENRICHED_TRANSACTIONS),
                AvroSerde.of(EnrichedTransaction.class), EnrichedTransaction::getUserId);
    }

    @Bean
    TopicTail<BudgetAlert> budgetAlertsTail(UserFeed<BudgetAlert> budgetAlerts,
                                            @Value("${spring.kafka.bootstrap-servers}") String servers) {
        return new TopicTail<>(budgetAlerts, servers, group(Topics.BUDGET_ALERTS), AvroSerde.of(BudgetAlert.class),
                BudgetAlert::getUserId);
    }

    private String group(String topic) {
        return "personifi-api-live-" + topic + "-" + instance;
    }
}
