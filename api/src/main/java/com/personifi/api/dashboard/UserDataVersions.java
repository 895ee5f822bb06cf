package com.personifi.api.dashboard;

import java.util.UUID;

import com.personifi.schemas.RedisKeys;
import org.redisson.api.RedissonClient;
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

    UserDataVersions(RedissonClient redis) {
        this.redis = redis;
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

    /** Redis being down costs nothing here: the dashboard is not cached then either. */
    private void bump(UUID userId) {
        try {
            redis.getAtomicLong(RedisKeys.dataVersion(userId)).incrementAndGet();
        } catch (RuntimeException e) {
            log.warn("Could not bump the data version of user {}: {}", userId, e.getMessage());
        }
    }
}
