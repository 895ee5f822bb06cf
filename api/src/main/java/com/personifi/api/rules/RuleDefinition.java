package com.personifi.api.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a categorization rule looks for and what it does. Every condition given must hold; then every action applies.
 * Stored in {@code category_rules} in the field names the stream reads ({@link RuleJson}).
 *
 * @param priority lower runs first (default 100); the stream applies the first rule that matches
 */
record RuleDefinition(@Min(0) @Max(100_000) Integer priority,
                      @NotNull @Valid Conditions conditions,
                      @NotNull @Valid Actions actions) {

    static final int DEFAULT_PRIORITY = 100;

    RuleDefinition {
        priority = priority == null ? DEFAULT_PRIORITY : priority;
    }

    /**
     * @param descriptionContains  case-insensitive substring of the description
     * @param counterpartyContains case-insensitive substring of the counterparty
     * @param descriptionRegex     Java regular expression searched case-insensitively in the description (at most
     *                             300 characters; {@code \b} is a word boundary; POSIX classes like
     *                             {@code [[:alpha:]]} are refused because the two engines read them differently)
     * @param merchantCode         exact paybill or till number
     * @param minAmount            signed amount at least this (money out is negative)
     * @param maxAmount            signed amount at most this
     * @param accountId            one of the user's accounts
     * @param direction            IN (money in, amount above zero) or OUT (amount below zero)
     * @param currency             ISO 4217 code of the transaction's own currency
     * @param paymentMethod        the channel it came through: MPESA_STATEMENT, MOBILE_MONEY_STATEMENT,
     *                             BANK_STATEMENT, SMS, CALLBACK, BANK_FEED, MANUAL, RECURRING or UNKNOWN
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Conditions(@Size(max = 200) String descriptionContains,
                      @Size(max = 200) String counterpartyContains,
                      @Size(max = 300) String descriptionRegex,
                      @Size(max = 40) String merchantCode,
                      @Digits(integer = 15, fraction = 4) BigDecimal minAmount,
                      @Digits(integer = 15, fraction = 4) BigDecimal maxAmount,
                      UUID accountId,
                      @Pattern(regexp = "^(IN|OUT)$", message = "must be IN or OUT") String direction,
                      @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code like KES") String currency,
                      String paymentMethod) {

        boolean noneGiven() {
            return descriptionContains == null && counterpartyContains == null && descriptionRegex == null
                    && merchantCode == null && minAmount == null && maxAmount == null && accountId == null
                    && direction == null && currency == null && paymentMethod == null;
        }
    }

    /**
     * @param category           the category to file matching transactions under (built-in or the user's own)
     * @param addTags            tags added to matching transactions
     * @param renameCounterparty the counterparty name matching transactions get
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Actions(@Size(max = 64) String category,
                   @Size(max = 20) List<@NotBlank @Size(max = 40) String> addTags,
                   @Size(max = 200) String renameCounterparty) {

        Actions {
            addTags = addTags == null || addTags.isEmpty() ? null : addTags;
        }

        boolean noneGiven() {
            return category == null && addTags == null && renameCounterparty == null;
        }

        List<String> tags() {
            return addTags == null ? List.of() : addTags;
        }
    }
}
