package com.personifi.streams;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import com.personifi.schemas.events.FxRate;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;

/** Builders for the records the topology reads. */
public final class TestData {

    private TestData() {
    }

    public static RawTransaction.Builder raw(UUID userId, UUID accountId, String sourceRef, String amount,
                                             String currency, LocalDate date, String description) {
        return RawTransaction.newBuilder()
                .setId(TransactionIds.transactionId(accountId, sourceRef).toString())
                .setUserId(userId.toString())
                .setAccountId(accountId.toString())
                .setSourceRef(sourceRef)
                .setSource(TransactionSource.MPESA_STATEMENT)
                .setOccurredAt(date.atTime(12, 0).atZone(ZoneId.of("Africa/Nairobi")).toInstant())
                .setLocalDate(date)
                .setAmount(new BigDecimal(amount).setScale(4))
                .setCurrency(currency)
                .setDescription(description)
                .setReceivedAt(Instant.parse("2024-01-01T00:00:00Z"));
    }

    public static FxRate rate(String base, String quote, LocalDate date, String rate) {
        return FxRate.newBuilder().setBase(base).setQuote(quote).setDate(date)
                .setRate(new BigDecimal(rate).setScale(10)).setSource("TEST").build();
    }

    public static byte[] userSettings(UUID userId, String baseCurrency) {
        return ("{\"id\":\"" + userId + "\",\"base_currency\":\"" + baseCurrency + "\",\"time_zone\":\"Africa/Nairobi\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
