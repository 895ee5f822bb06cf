package com.personifi.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import com.personifi.schemas.RedisKeys;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Against the embedded Redis: the messages are the ones the sink and other instances send. */
@SpringBootTest
class BelievedVersionsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    BelievedVersions versions;

    @Autowired
    RedissonClient redis;

    @Test
    void aVersionReadStandsUntilAMessageNamesItsUser() {
        UUID user = UUID.randomUUID();
        UUID neighbour = UUID.randomUUID();
        versions.believe(user, 7, versions.changesHeard());
        versions.believe(neighbour, 3, versions.changesHeard());
        assertThat(versions.version(user)).isEqualTo(7L);

        announce(UUID.randomUUID() + "," + user);

        await().atMost(WAIT).until(() -> versions.version(user) == null);
        assertThat(versions.version(neighbour)).as("a user no message named").isEqualTo(3L);
    }

    @Test
    void aVersionReadWhileAMessageArrivedIsNotBelieved() {
        UUID user = UUID.randomUUID();
        long heard = versions.changesHeard();
        // the message may be about the very change the read missed, whoever it names
        announce(UUID.randomUUID().toString());
        await().atMost(WAIT).until(() -> versions.changesHeard() > heard);

        versions.believe(user, 7, heard);

        assertThat(versions.version(user)).isNull();
        versions.believe(user, 7, versions.changesHeard());
        assertThat(versions.version(user)).isEqualTo(7L);
    }

    @Test
    void aMessageNamingNoUserChangesNothingElse() {
        UUID user = UUID.randomUUID();
        versions.believe(user, 2, versions.changesHeard());

        announce("not-a-user-id," + user);

        await().atMost(WAIT).until(() -> versions.version(user) == null);
    }

    @Test
    void thisInstancesOwnBumpIsSeenAtOnce() {
        UUID user = UUID.randomUUID();
        versions.believe(user, 1, versions.changesHeard());

        versions.forget(user);

        assertThat(versions.version(user)).isNull();
    }

    private void announce(String users) {
        assertThat(redis.getTopic(RedisKeys.DATA_VERSION_CHANGES, StringCodec.INSTANCE).publish(users))
                .as("instances listening").isPositive();
    }
}
