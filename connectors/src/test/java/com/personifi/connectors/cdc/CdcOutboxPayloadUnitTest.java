package com.personifi.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.personifi.schemas.events.LedgerCorrection;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import org.junit.jupiter.api.Test;

class CdcOutboxPayloadUnitTest {

    private static final Instant COMMITTED = Instant.parse("2024-05-02T06:00:01Z");
    private final UUID user = UUID.randomUUID();
    private final UUID account = UUID.randomUUID();

    private String payload(String amount, String extra) {
        return """
                {"userId":"%s","sourceRef":"manual:1","occurredAt":"2024-05-02T06:00:00Z","localDate":"2024-05-02",
                 "amount":%s,"currency":"kes","description":"Matatu fare"%s}""".formatted(user, amount, extra);
    }

    @Test
    void readsATransactionWithItsIdDerivedFromAccountAndSourceRef() {
        RawTransaction transaction = OutboxTransactions.read(account.toString(), payload("-70.5", ""), COMMITTED);

        assertThat(transaction.getAccountId()).isEqualTo(account.toString());
        assertThat(transaction.getAmount()).isEqualTo(new BigDecimal("-70.5000"));
        assertThat(transaction.getCurrency()).isEqualTo("KES");
        assertThat(transaction.getSource()).isEqualTo(TransactionSource.MANUAL);
        assertThat(transaction.getReceivedAt()).isEqualTo(COMMITTED);
        assertThat(OutboxTransactions.read(account.toString(), payload("\"-70.50\"", ""), COMMITTED).getId())
                .isEqualTo(transaction.getId());
    }

    @Test
    void keepsEveryDigitOfALargeAmountWrittenAsAJsonNumber() {
        assertThat(OutboxTransactions.read(account.toString(), payload("123456789012345.6789", ""), COMMITTED)
                .getAmount()).isEqualTo(new BigDecimal("123456789012345.6789"));
    }

    @Test
    void refusesWhatIsNotATransactionWithTheReason() {
        assertThatThrownBy(() -> OutboxTransactions.read(account.toString(), payload("\"-0.00001\"", ""), COMMITTED))
                .isInstanceOf(OutboxPayload.UnreadableOutboxEvent.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> OutboxTransactions.read(account.toString(),
                payload("1", ",\"accountId\":\"" + UUID.randomUUID() + "\""), COMMITTED))
                .hasMessageContaining("aggregateid");
        assertThatThrownBy(() -> OutboxTransactions.read(account.toString(), payload("1", ",\"currency\":\"XYZ1\""),
                COMMITTED)).isInstanceOf(OutboxPayload.UnreadableOutboxEvent.class);
        assertThatThrownBy(() -> OutboxTransactions.read("not-an-account", payload("1", ""), COMMITTED))
                .hasMessageContaining("aggregateid");
        assertThatThrownBy(() -> OutboxTransactions.read(account.toString(), "[1,2]", COMMITTED))
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> OutboxTransactions.read(account.toString(), "{", COMMITTED))
                .hasMessageContaining("not JSON");
    }

    @Test
    void readsDebeziumsAddressOfTheDatabaseFromAJdbcUrlAndNeverPrintsThePassword() {
        PostgresAddress address = PostgresAddress.fromJdbcUrl(
                "jdbc:postgresql://db.internal:6543/personifi?sslmode=require", "cdc", "s3cret");

        assertThat(address).extracting(PostgresAddress::host, PostgresAddress::port, PostgresAddress::database)
                .containsExactly("db.internal", 6543, "personifi");
        assertThat(address.toString()).doesNotContain("s3cret");
        assertThat(PostgresAddress.fromJdbcUrl("jdbc:postgresql://localhost/ledger", "u", null).port())
                .isEqualTo(5432);
    }

    private String correction(String extra) {
        return """
                {"transactionId":"%s","userId":"%s","occurredAt":"2024-05-02T08:00:00Z","category":"food",
                 "baseCurrency":"kes","amountInBase":"-250.5"%s}""".formatted(UUID.randomUUID(), user, extra);
    }

    @Test
    void readsACorrectionWithTheCommitAsItsTimeUnlessItSaysOtherwise() {
        LedgerCorrection correction = OutboxCorrections.read(user.toString(), correction(""), COMMITTED);

        assertThat(correction.getAmountInBase()).isEqualTo(new BigDecimal("-250.5000"));
        assertThat(correction.getBaseCurrency()).isEqualTo("KES");
        assertThat(correction.getManualCategory()).isFalse();
        assertThat(correction.getDeleted()).isFalse();
        assertThat(correction.getCorrectedAt()).isEqualTo(COMMITTED);
        assertThat(OutboxCorrections.read(user.toString(),
                correction(",\"amountInBase\":null,\"deleted\":true,\"budgets\":\"{}\""), COMMITTED))
                .satisfies(c -> {
                    assertThat(c.getAmountInBase()).isNull();
                    assertThat(c.getDeleted()).isTrue();
                    assertThat(c.getBudgets()).isEqualTo("{}");
                });
    }

    @Test
    void refusesWhatIsNotACorrectionWithTheReason() {
        assertThatThrownBy(() -> OutboxCorrections.read(UUID.randomUUID().toString(), correction(""), COMMITTED))
                .isInstanceOf(OutboxPayload.UnreadableOutboxEvent.class).hasMessageContaining("aggregateid");
        assertThatThrownBy(() -> OutboxCorrections.read(user.toString(), correction(",\"deleted\":\"yes\""),
                COMMITTED)).hasMessageContaining("deleted");
        assertThatThrownBy(() -> OutboxCorrections.read(user.toString(), correction(",\"baseCurrency\":\"K$\""),
                COMMITTED)).hasMessageContaining("baseCurrency");
        assertThatThrownBy(() -> OutboxCorrections.read(user.toString(), correction(",\"amountInBase\":\"1e\""),
                COMMITTED)).hasMessageContaining("amountInBase");
        assertThatThrownBy(() -> OutboxCorrections.read(user.toString(), correction(",\"category\":null"),
                COMMITTED)).hasMessageContaining("category is missing");
    }
}
