package com.personifi.api.auth;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.personifi.schemas.Topics;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes a user's settings to {@code reference.users} at sign-up and when they change them, in the flat row shape
 * CDC publishes on every change of the row. CDC alone would leave a race: an upload right after sign-up or a change
 * of base currency, or while the connector is down, would reach the stream before the settings and be converted to
 * the wrong base currency.
 */
@Component
public class UserSettingsPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json = JsonMapper.builder().build();

    UserSettingsPublisher(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    void publish(Users.User user) {
        publish(user.id(), user.baseCurrency(), user.timeZone());
    }

    /** Also after a change of settings: waits for the broker, so a failure fails the change with it. */
    public void publish(UUID userId, String baseCurrency, String timeZone) {
        ObjectNode row = json.createObjectNode()
                .put("id", userId.toString())
                .put("base_currency", baseCurrency)
                .put("time_zone", timeZone);
        try {
            kafka.send(Topics.USERS, userId.toString(), json.writeValueAsString(row)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing user settings", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish user settings: " + e.getMessage(), e);
        }
    }
}
