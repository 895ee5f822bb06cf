package com.personifi.streams.reference;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import com.personifi.schemas.events.RawTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of a user's categorization rules: every condition that is set must hold; then the actions apply.
 *
 * @param direction IN (money in) or OUT (money out), or null for both
 * @param paymentMethod the channel the transaction came through (a TransactionSource name), or null
 */
public record CategoryRule(String id, int priority, String descriptionContains, String counterpartyContains,
                           BoundedRegex descriptionRegex, String merchantCode, BigDecimal minAmount, BigDecimal maxAmount,
                           String accountId, String direction, String currency, String paymentMethod,
                           String category, List<String> addTags, String renameCounterparty) {

    private static final Logger log = LoggerFactory.getLogger(CategoryRule.class);

    public boolean matches(RawTransaction t) {
        String description = t.getDescription().toLowerCase(Locale.ROOT);
        String counterparty = t.getCounterparty() == null ? "" : t.getCounterparty().toLowerCase(Locale.ROOT);
        BigDecimal amount = t.getAmount();
        return (descriptionContains == null || description.contains(descriptionContains))
                && (counterpartyContains == null || counterparty.contains(counterpartyContains))
                && (merchantCode == null || merchantCode.equals(t.getMerchantCode()))
                && (minAmount == null || amount.compareTo(minAmount) >= 0)
                && (maxAmount == null || amount.compareTo(maxAmount) <= 0)
                && (accountId == null || accountId.equals(t.getAccountId()))
                && (direction == null || (direction.equals("IN") ? amount.signum() > 0 : amount.signum() < 0))
                && (currency == null || currency.equals(t.getCurrency()))
                && (paymentMethod == null || paymentMethod.equals(t.getSource().name()))
                // the one costly condition last, so the cheap ones can rule a transaction out first
                && (descriptionRegex == null || regexFinds(t));
    }

    /** A search that outlives its budget counts as no match; the description is not logged (it may hold numbers). */
    private boolean regexFinds(RawTransaction t) {
        try {
            return descriptionRegex.find(t.getDescription());
        } catch (BoundedRegex.TooSlow e) {
            log.warn("Rule {} skipped for transaction {}: its description_regex ran out of time", id, t.getId());
            return false;
        }
    }
}
