package com.personifi.api.auth;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.personifi.schemas.Topics;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes a new user's settings to {@code reference.users} at sign-up, in the flat row shape CDC publishes on every
 * later change of the row. CDC alone would leave a race: an upload right after sign-up, or while the connector is
 * down, would reach the stream before the settings and be converted to the wrong base currency.
 */
@Component
class UserSettingsPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json = JsonMapper.builder().build();

    UserSettingsPublisher(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    void publish(Users.User user) {
        ObjectNode row = json.createObjectNode()
                .put("id", user.id().toString())
                .put("base_currency", user.baseCurrency())
                .put("time_zone", user.timeZone());
        try {
            kafka.send(Topics.USERS, user.id().toString(), json.writeValueAsString(row)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing user settings", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish user settings: " + e.getMessage(), e);
        }
    }
}
