package com.personifi.api;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import com.personifi.schemas.ids.TransactionIds;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A ledger row as the sink writes it, for tests that need transactions without running the stream. Defaults: an
 * M-Pesa statement row in KES, uncategorized by the built-in patterns, converted one to one to a KES base.
 */
public record LedgerRow(UUID userId, UUID accountId, String sourceRef, String source, Instant occurredAt,
                        BigDecimal amount, String currency, String description, String counterparty,
                        String merchantCode, String category, String categorySource, BigDecimal amountInBase,
                        String baseCurrency) {

    public static LedgerRow of(ApiClient.SignedIn user, String sourceRef, String occurredAt, String amount,
                               String description) {
        return new LedgerRow(user.userId(), user.walletId(), sourceRef, "MPESA_STATEMENT", Instant.parse(occurredAt),
                new BigDecimal(amount), "KES", description, null, null, "uncategorized", "BUILT_IN",
                new BigDecimal(amount), "KES");
    }

    public LedgerRow counterparty(String value) {
        return new LedgerRow(userId, accountId, sourceRef, source, occurredAt, amount, currency, description, value,
                merchantCode, category, categorySource, amountInBase, baseCurrency);
    }

    public LedgerRow merchantCode(String value) {
        return new LedgerRow(userId, accountId, sourceRef, source, occurredAt, amount, currency, description,
                counterparty, value, category, categorySource, amountInBase, baseCurrency);
    }

    public LedgerRow category(String value, String decidedBy) {
        return new LedgerRow(userId, accountId, sourceRef, source, occurredAt, amount, currency, description,
                counterparty, merchantCode, value, decidedBy, amountInBase, baseCurrency);
    }

    public LedgerRow source(String value) {
        return new LedgerRow(userId, accountId, sourceRef, value, occurredAt, amount, currency, description,
                counterparty, merchantCode, category, categorySource, amountInBase, baseCurrency);
    }

    public LedgerRow account(UUID value) {
        return new LedgerRow(userId, value, sourceRef, source, occurredAt, amount, currency, description,
                counterparty, merchantCode, category, categorySource, amountInBase, baseCurrency);
    }

    /** Booked in another currency, converted to the base at some rate. */
    public LedgerRow converted(String currencyOfAmount, String inBase, String base) {
        return new LedgerRow(userId, accountId, sourceRef, source, occurredAt, amount, currencyOfAmount, description,
                counterparty, merchantCode, category, categorySource, inBase == null ? null : new BigDecimal(inBase),
                base);
    }

    public UUID insert(JdbcClient jdbc) {
        UUID id = TransactionIds.transactionId(accountId, sourceRef);
        jdbc.sql("""
                        INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date,
                            amount, currency, description, counterparty, merchant_code, category, category_source,
                            category_confidence, base_currency, amount_in_base, fx_rate_status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 80, ?, ?, 'OFFICIAL')""")
                .params(id, userId, accountId, sourceRef, source, Timestamp.from(occurredAt),
                        LocalDate.ofInstant(occurredAt, ZoneId.of("Africa/Nairobi")), amount, currency, description,
                        counterparty, merchantCode, category, categorySource, baseCurrency, amountInBase)
                .update();
        return id;
    }
}
