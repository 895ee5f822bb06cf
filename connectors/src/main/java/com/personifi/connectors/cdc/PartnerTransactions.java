package com.personifi.connectors.cdc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.personifi.schemas.Topics;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.money.Money;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partner bank's savings transactions ({@code m_savings_account_transaction}), delivered as RawTransactions of the
 * PersoniFi accounts they are linked to. The sourceRef is the core system's transaction id, so a snapshot, a replay or
 * an update of the row is the same transaction; a reversal (is_reversed set) adds its own opposite movement
 * ({@code :reversal}), so the account's total stays right without deleting anything. Rows of unlinked accounts are
 * skipped. Dates carry no time: they are placed at noon in the user's time zone, as statement dates are.
 */
final class PartnerTransactions implements CapturedChanges {

    private static final Logger log = LoggerFactory.getLogger(PartnerTransactions.class);
    private static final LocalTime DATE_ONLY_TIME = LocalTime.NOON;

    private record Row(long id, long savingsAccountId, int type, LocalDate date, BigDecimal amount,
                       BigDecimal runningBalance, boolean reversed, Long committedAt) {
    }

    private final AvroSerde<RawTransaction> serde = AvroSerde.of(RawTransaction.class);
    private final String partner;
    private final Producer<String, byte[]> kafka;
    private final PartnerAccounts accounts;
    private final CdcLag lag;

    PartnerTransactions(String partner, Producer<String, byte[]> kafka, PartnerAccounts accounts, CdcLag lag) {
        this.partner = partner;
        this.kafka = kafka;
        this.accounts = accounts;
        this.lag = lag;
    }

    @Override
    public void deliver(List<SourceRecord> batch) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (SourceRecord record : batch) {
            if (record.value() instanceof Struct change && change.schema().field("after") != null
                    && change.getStruct("after") != null) {
                rows.add(row(change.getStruct("after"), CdcLag.commitMillis(record)));
            }
        }
        Set<Long> accountIds = new LinkedHashSet<>();
        rows.forEach(r -> accountIds.add(r.savingsAccountId()));
        Map<Long, PartnerAccounts.Linked> linked = accounts.linked(partner, accountIds);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Row row : rows) {
            PartnerAccounts.Linked account = linked.get(row.savingsAccountId());
            Optional<CoreBankingMovement> movement = CoreBankingMovement.of(row.type());
            if (account == null || movement.isEmpty()) {
                continue;
            }
            try {
                for (RawTransaction transaction : transactions(row, movement.get(), account)) {
                    sent.add(kafka.send(new ProducerRecord<>(Topics.RAW_TRANSACTIONS,
                            Topics.rawTransactionKey(transaction),
                            serde.serialize(Topics.RAW_TRANSACTIONS, transaction))));
                }
            } catch (ArithmeticException e) {
                // an amount finer than the ledger can hold is set aside where it can be seen and replayed, never
                // dropped with only a log line
                log.error("Partner {} transaction {} set aside: {}", partner, row.id(), e.getMessage());
                ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.STREAMS_DEAD_LETTER,
                        account.accountId().toString(), ("{\"partner\":\"" + partner + "\",\"transactionId\":\""
                        + row.id() + "\",\"amount\":\"" + row.amount().toPlainString() + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
                dead.headers().add(Topics.DEAD_LETTER_REASON_HEADER,
                        ("partner amount cannot be stored: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
                sent.add(kafka.send(dead));
            }
        }
        for (Future<RecordMetadata> delivery : sent) {
            delivery.get(60, TimeUnit.SECONDS);
        }
        batch.forEach(lag::delivered);
    }

    private List<RawTransaction> transactions(Row row, CoreBankingMovement movement, PartnerAccounts.Linked account) {
        String sourceRef = "fineract:" + row.id();
        BigDecimal amount = Money.atStorageScale(movement.signed(row.amount()).stripTrailingZeros());
        Instant receivedAt = row.committedAt() == null ? Instant.now() : Instant.ofEpochMilli(row.committedAt());
        Instant occurredAt = row.date().atTime(DATE_ONLY_TIME).atZone(ZoneId.of(account.timeZone())).toInstant();
        List<RawTransaction> transactions = new ArrayList<>(2);
        transactions.add(transaction(account, sourceRef, occurredAt, row.date(), amount, movement.label(),
                storableBalance(row.runningBalance()),
                row, receivedAt));
        if (row.reversed()) {
            transactions.add(transaction(account, sourceRef + ":reversal", occurredAt, row.date(), amount.negate(),
                    "Reversal: " + movement.label(), null, row, receivedAt));
        }
        return transactions;
    }

    /** A balance the ledger cannot hold exactly is left out; the movement itself still counts. */
    private static BigDecimal storableBalance(BigDecimal balance) {
        if (balance == null) {
            return null;
        }
        try {
            return Money.atStorageScale(balance.stripTrailingZeros());
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static RawTransaction transaction(PartnerAccounts.Linked account, String sourceRef, Instant occurredAt,
                                              LocalDate date, BigDecimal amount, String description,
                                              BigDecimal balance, Row row, Instant receivedAt) {
        return RawTransaction.newBuilder()
                .setId(TransactionIds.transactionId(account.accountId(), sourceRef).toString())
                .setUserId(account.userId().toString())
                .setAccountId(account.accountId().toString())
                .setSourceRef(sourceRef)
                .setSource(TransactionSource.BANK_FEED)
                .setOccurredAt(occurredAt)
                .setLocalDate(date)
                .setAmount(amount)
                .setCurrency(account.currency())
                .setDescription(description)
                .setBalance(balance)
                .setSourcePosition("m_savings_account_transaction " + row.id())
                .setReceivedAt(receivedAt)
                .build();
    }

    private static Row row(Struct after, Long committedAt) {
        String balance = after.getString("running_balance_derived");
        return new Row(after.getInt64("id"), after.getInt64("savings_account_id"),
                after.getInt16("transaction_type_enum"),
                LocalDate.ofEpochDay(after.getInt32("transaction_date")),
                new BigDecimal(after.getString("amount")),
                balance == null ? null : new BigDecimal(balance),
                Boolean.TRUE.equals(after.getBoolean("is_reversed")), committedAt);
    }
}
