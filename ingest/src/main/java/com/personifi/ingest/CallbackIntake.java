package com.personifi.ingest;

import java.time.Instant;
import java.util.UUID;

import com.personifi.ingest.daraja.DarajaCallback;
import com.personifi.ingest.daraja.SeenCallbacks;
import com.personifi.ingest.job.TransactionPublisher;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one authenticated Daraja callback for a feed: reads it, publishes its movement (if any) as a RawTransaction
 * of the feed's account, and returns the acknowledgement Daraja expects. A callback the feed has seen before is
 * acknowledged the same way and publishes nothing.
 */
@Service
public class CallbackIntake {

    /** Who a feed's callbacks belong to; the caller has authenticated the sender for this feed. */
    public record Feed(UUID feedId, UUID userId, UUID accountId) {
    }

    public enum Outcome { PUBLISHED, NOTHING_TO_PUBLISH, REPLAYED }

    public record Receipt(String acknowledgement, String kind, Outcome outcome) {
    }

    private static final Logger log = LoggerFactory.getLogger(CallbackIntake.class);

    private final TransactionPublisher publisher;
    private final SeenCallbacks seen;
    private final TransactionTemplate inDatabaseTransaction;

    public CallbackIntake(TransactionPublisher publisher, SeenCallbacks seen, PlatformTransactionManager transactions) {
        this.publisher = publisher;
        this.seen = seen;
        this.inDatabaseTransaction = new TransactionTemplate(transactions);
    }

    /**
     * The claim on the callback id commits only after the Kafka transaction did: if publishing fails, the claim rolls
     * back and Daraja's retry is taken. Should the database commit fail after Kafka's, a retry publishes the same
     * transaction id again, which the stream's dedupe absorbs.
     *
     * @throws UnreadableCallbackException when the body is not a callback PersoniFi reads; nothing is claimed
     */
    public Receipt receive(Feed feed, byte[] body) {
        DarajaCallback.Parsed parsed = DarajaCallback.parse(body);
        Outcome outcome = inDatabaseTransaction.execute(status -> {
            if (!seen.claim(feed.feedId(), parsed.callbackId())) {
                return Outcome.REPLAYED;
            }
            if (parsed.movement().isEmpty()) {
                return Outcome.NOTHING_TO_PUBLISH;
            }
            RawTransaction raw = toRaw(feed, parsed.movement().get());
            publisher.inTransaction(batch -> batch.raw(raw));
            return Outcome.PUBLISHED;
        });
        log.info("Feed {} took a {} callback {}: {}", feed.feedId(), parsed.kind(), parsed.callbackId(), outcome);
        return new Receipt(parsed.acknowledgement(), parsed.kind().name(), outcome);
    }

    private static RawTransaction toRaw(Feed feed, DarajaCallback.Movement movement) {
        return RawTransaction.newBuilder()
                .setId(TransactionIds.transactionId(feed.accountId(), movement.receipt()).toString())
                .setUserId(feed.userId().toString())
                .setAccountId(feed.accountId().toString())
                .setSourceRef(movement.receipt())
                .setSource(TransactionSource.CALLBACK)
                .setOccurredAt(movement.occurredAt())
                .setLocalDate(movement.localDate())
                .setAmount(Money.atStorageScale(movement.amount()))
                .setCurrency(movement.currency())
                .setDescription(movement.description())
                .setCounterparty(movement.counterparty())
                .setMerchantCode(movement.merchantCode())
                .setBalance(movement.balance() == null ? null : Money.atStorageScale(movement.balance()))
                .setSourcePosition("Daraja callback to feed " + feed.feedId())
                .setReceivedAt(Instant.now())
                .build();
    }
}
