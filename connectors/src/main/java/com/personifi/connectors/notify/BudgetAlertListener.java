package com.personifi.connectors.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.personifi.schemas.Topics;
import com.personifi.schemas.events.BudgetAlert;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns budget alerts into planned notifications. Offsets are committed after the batch is planned in PostgreSQL:
 * a crash replays the batch, and the deterministic notification id makes the replay plan nothing new.
 */
@Component
class BudgetAlertListener {

    private static final Logger log = LoggerFactory.getLogger(BudgetAlertListener.class);

    private final AvroSerde<BudgetAlert> serde = AvroSerde.of(BudgetAlert.class);
    private final NotificationPlanner planner;
    private final CategoryNames categories;
    private final NotificationDeadLetters deadLetters;
    private final DeliveryDispatcher dispatcher;
    private final NotificationSettings settings;

    BudgetAlertListener(NotificationPlanner planner, CategoryNames categories, NotificationDeadLetters deadLetters,
                        DeliveryDispatcher dispatcher, NotificationSettings settings) {
        this.planner = planner;
        this.categories = categories;
        this.deadLetters = deadLetters;
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    @KafkaListener(id = "budget-alert-notifications", groupId = NotificationConfiguration.GROUP,
            topics = Topics.BUDGET_ALERTS, containerFactory = NotificationConfiguration.CONTAINER_FACTORY,
            batch = "true", autoStartup = "${personifi.notifications.enabled:true}")
    public void onAlerts(List<ConsumerRecord<String, byte[]>> records) {
        boolean planned = false;
        Instant oldest = Instant.now().minus(settings.maxAlertAge());
        for (ConsumerRecord<String, byte[]> record : records) {
            Notification notification;
            try {
                BudgetAlert alert = serde.deserialize(record.topic(), record.value());
                if (alert.getRaisedAt().isBefore(oldest)) {
                    log.info("Budget alert {} of user {} is from {}: too old to send", alert.getAlertId(),
                            alert.getUserId(), alert.getRaisedAt());
                    continue;
                }
                UUID userId = UUID.fromString(alert.getUserId());
                notification = BudgetAlertMessages.render(alert, categories.nameOf(userId, alert.getCategory()));
            } catch (SerializationException | IllegalArgumentException | ArithmeticException e) {
                // unreadable, or values no message can be made of (a bad currency, a bad user id)
                deadLetters.unreadable(record, e.getMessage());
                continue;
            }
            // a database failure propagates: the container retries the batch and nothing is lost
            planned |= planner.plan(notification);
        }
        if (planned) {
            dispatcher.wake();
        }
    }
}
