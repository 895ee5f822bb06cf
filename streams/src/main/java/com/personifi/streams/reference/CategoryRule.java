package com.personifi.streams.reference;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.personifi.schemas.events.RawTransaction;

/**
 * One of a user's categorization rules: every condition that is set must hold; then the actions apply.
 *
 * @param direction IN (money in) or OUT (money out), or null for both
 * @param paymentMethod the channel the transaction came through (a TransactionSource name), or null
 */
public record CategoryRule(String id, int priority, String descriptionContains, String counterpartyContains,
                           Pattern descriptionRegex, String merchantCode, BigDecimal minAmount, BigDecimal maxAmount,
                           String accountId, String direction, String currency, String paymentMethod,
                           String category, List<String> addTags, String renameCounterparty) {

    public boolean matches(RawTransaction t) {
        String description = t.getDescription().toLowerCase(Locale.ROOT);
        String counterparty = t.getCounterparty() == null ? "" : t.getCounterparty().toLowerCase(Locale.ROOT);
        BigDecimal amount = t.getAmount();
        return (descriptionContains == null || description.contains(descriptionContains))
                && (counterpartyContains == null || counterparty.contains(counterpartyContains))
                && (descriptionRegex == null || descriptionRegex.matcher(t.getDescription()).find())
                && (merchantCode == null || merchantCode.equals(t.getMerchantCode()))
                && (minAmount == null || amount.compareTo(minAmount) >= 0)
                && (maxAmount == null || amount.compareTo(maxAmount) <= 0)
                && (accountId == null || accountId.equals(t.getAccountId()))
                && (direction == null || (direction.equals("IN") ? amount.signum() > 0 : amount.signum() < 0))
                && (currency == null || currency.equals(t.getCurrency()))
                && (paymentMethod == null || paymentMethod.equals(t.getSource().name()));
    }
}
