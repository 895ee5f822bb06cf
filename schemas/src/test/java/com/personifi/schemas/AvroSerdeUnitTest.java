package com.personifi.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.serde.AvroSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeUnitTest {

    private final AvroSerde<RawTransaction> serde = AvroSerde.of(RawTransaction.class);

    static RawTransaction sample(BigDecimal amount) {
        UUID account = UUID.randomUUID();
        return RawTransaction.newBuilder()
                .setId(TransactionIds.transactionId(account, "SBK1234XYZ").toString())
                .setUserId(UUID.randomUUID().toString())
                .setAccountId(account.toString())
                .setSourceRef("SBK1234XYZ")
                .setSource(TransactionSource.MPESA_STATEMENT)
                .setOccurredAt(Instant.parse("2024-03-01T07:15:00Z"))
                .setLocalDate(LocalDate.of(2024, 3, 1))
                .setAmount(amount)
                .setCurrency("KES")
                .setDescription("Pay Bill Online to 888880 Acc. 54405080323")
                .setMerchantCode("888880")
                .setReceivedAt(Instant.parse("2024-03-02T00:00:00Z"))
                .build();
    }

    @Test
    void roundTripsDecimalAmountsExactly() {
        RawTransaction original = sample(new BigDecimal("-1234.5600"));

        byte[] bytes = serde.serialize("t", original);
        RawTransaction read = serde.deserialize("t", bytes);

        assertThat(read).isEqualTo(original);
        assertThat(read.getAmount()).isEqualByComparingTo("-1234.56");
    }

    @Test
    void writesTheSchemaFingerprintInEveryMessage() {
        byte[] bytes = serde.serialize("t", sample(new BigDecimal("1.0000")));

        // single-object encoding: marker C3 01, then the 8-byte schema fingerprint
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
    }

    @Test
    void rejectsBytesThatAreNotARawTransaction() {
        assertThatThrownBy(() -> serde.deserialize("t", "not avro".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("RawTransaction");
    }

    @Test
    void refusesAnAmountWithMoreDigitsThanTheSchemaKeeps() {
        // the schema fixes scale 4: silently rounding money away would hide a bug upstream
        assertThatThrownBy(() -> serde.serialize("t", sample(new BigDecimal("10.00005"))))
                .isInstanceOf(SerializationException.class);
    }
}
