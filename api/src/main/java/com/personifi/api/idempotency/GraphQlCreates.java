package com.personifi.api.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.personifi.api.web.UserError;
import com.personifi.api.web.UserErrors;
import com.personifi.schemas.accounts.AccountNumberCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@code idempotencyKey} on a GraphQL create, as {@code Idempotency-Key} is on a REST {@code POST}: the first
 * mutation under a key runs, and the same mutation with the same input under it again answers what the first
 * created, without creating another. The same key with another mutation or input is {@code INVALID}; while the
 * first still runs, a second is a {@code CONFLICT}. A create that failed keeps nothing and changes nothing, so it can
 * be corrected and sent again under the same key; one whose answer could not be kept is undone with it. Keys live 24 hours, in REST's store, under a prefix of their own.
 */
@Component
public class GraphQlCreates {

    private static final int MAX_KEY_LENGTH = 190;
    private static final Duration RETENTION = Duration.ofHours(24);
    /** Longer than any mutation runs; a claim older than this belongs to a process that died. */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(GraphQlCreates.class);

    private final IdempotencyKeys keys;
    private final AccountNumberCipher numbers;
    private final JsonMapper json = JsonMapper.builder().build();
    private final TransactionTemplate oneTransaction;

    GraphQlCreates(IdempotencyKeys keys, AccountNumberCipher numbers, PlatformTransactionManager transactions) {
        this.keys = keys;
        this.numbers = numbers;
        this.oneTransaction = new TransactionTemplate(transactions);
    }

    /**
     * @param key      the client's key, or null to create without one
     * @param mutation the mutation's name: a key is never replayed for another
     * @param type     what the create answers, kept as JSON to be answered again
     */
    public <T> UserErrors.Outcome<T> once(UUID userId, String key, String mutation, Object input, Class<T> type,
                                          Supplier<UserErrors.Outcome<T>> create) {
        if (key == null) {
            return create.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return UserErrors.Outcome.failed(List.of(UserError.invalid("idempotencyKey",
                    "must be 1 to " + MAX_KEY_LENGTH + " characters")));
        }
        String stored = "graphql:" + key;
        byte[] fingerprint = fingerprint(mutation, input);
        if (!keys.claim(userId, stored, fingerprint, LEASE)) {
            return answeredBefore(keys.earlier(userId, stored), fingerprint, type);
        }
        UserErrors.Outcome<T> outcome = null;
        try {
            // the create and its kept answer commit together or not at all, so a retry never creates twice
            outcome = oneTransaction.execute(transaction -> {
                UserErrors.Outcome<T> made = create.get();
                if (made.value() == null) {
                    transaction.setRollbackOnly();
                } else {
                    keys.answer(userId, stored, new IdempotencyKeys.Answer(200, "application/json", null,
                            json.writeValueAsBytes(made.value())), RETENTION);
                }
                return made;
            });
        } finally {
            if (outcome == null || outcome.value() == null) {
                try {
                    keys.release(userId, stored);
                } catch (DataAccessException e) {
                    // the claim lapses with its lease; the failure that brought us here is the one to report
                    log.warn("Could not release an idempotency key; it lapses after {}: {}", LEASE, e.getMessage());
                }
            }
        }
        return outcome;
    }

    private <T> UserErrors.Outcome<T> answeredBefore(Optional<IdempotencyKeys.Earlier> earlier, byte[] fingerprint,
                                                     Class<T> type) {
        if (earlier.isPresent() && !MessageDigest.isEqual(earlier.get().fingerprint(), fingerprint)) {
            return UserErrors.Outcome.failed(List.of(UserError.invalid("idempotencyKey",
                    "was used for another request; use a new key for a new one")));
        }
        if (earlier.isEmpty() || earlier.get().status() == null) {
            // still running, or gone in between (expired and taken over): either way not answerable now
            return notNow("The first request with this key has not finished; try again shortly");
        }
        try {
            return new UserErrors.Outcome<>(json.readValue(earlier.get().body(), type), List.of());
        } catch (JacksonException e) {
            // kept by a version of the platform that answered in another shape
            return notNow("The first request with this key cannot be answered again; read what it created");
        }
    }

    private static <T> UserErrors.Outcome<T> notNow(String message) {
        return UserErrors.Outcome.failed(List.of(new UserError(UserError.Code.CONFLICT, "idempotencyKey", message)));
    }

    /** Keyed, not a plain hash: an input may carry an account number (see {@link IdempotentPosts}). */
    private byte[] fingerprint(String mutation, Object input) {
        return numbers.requestFingerprint(("graphql " + mutation).getBytes(StandardCharsets.UTF_8),
                json.writeValueAsBytes(input));
    }
}
