package com.personifi.api.dashboard;

import java.util.UUID;

import com.personifi.schemas.RedisKeys;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The sink bumps a user's data version when it writes their transactions; changes made through the API (a deleted
 * transaction, a new category, a rule applied, another base currency or time zone) bump it here, once they are
 * committed, so no cached dashboard outlives them.
 */
@Component
public class UserDataVersions {

    private static final Logger log = LoggerFactory.getLogger(UserDataVersions.class);

    private final RedissonClient redis;
    private final BelievedVersions believed;

    UserDataVersions(RedissonClient redis, BelievedVersions believed) {
        this.redis = redis;
        this.believed = believed;
    }

    /** After the current database transaction commits, or at once outside one. */
    public void changedAfterCommit(UUID userId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    bump(userId);
                }
            });
        } else {
            bump(userId);
        }
    }

    /**
     * The version, then the message that tells every instance (in that order, on one connection), and this instance
     * at once without waiting for the message. Redis being down costs nothing here: the dashboard is not cached then
     * either.
     */
    private void bump(UUID userId) {
        try {
            RBatch batch = redis.createBatch(BatchOptions.defaults());
            batch.getAtomicLong(RedisKeys.dataVersion(userId)).incrementAndGetAsync();
            batch.getTopic(RedisKeys.DATA_VERSION_CHANGES, StringCodec.INSTANCE).publishAsync(userId.toString());
            batch.execute();
        } catch (RuntimeException e) {
            log.warn("Could not bump the data version of user {}: {}", userId, e.getMessage());
        } finally {
            believed.forget(userId);
        }
    }
}
