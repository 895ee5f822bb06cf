package com.personifi.api;

import static com.personifi.api.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The preview's SQL must pick the transactions the stream's categorizer would: each rule is previewed over the same
 * rows and compared with {@link #streamMatches}, a transcription of {@code streams.reference.CategoryRule#matches}
 * (the api module cannot depend on streams), and with the rows a person would name by hand.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RuleMatchingAgreesWithTheCategorizerIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    /** The conditions of one rule, in the stream's shape after ReferenceJson read them (contains lower-cased). */
    record When(String descriptionContains, String counterpartyContains, String regex, String merchantCode,
                BigDecimal min, BigDecimal max, UUID accountId, String direction, String currency, String method) {
    }

    @Test
    void previewSelectsWhatTheCategorizerWouldMatch() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        UUID ugxWallet = UUID.fromString(Requests.read(mvc.perform(as(user, post("/api/v1/accounts"),
                        "{\"name\":\"MTN MoMo\",\"type\":\"MOBILE_MONEY\",\"currency\":\"UGX\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString());
        Map<String, LedgerRow> rows = new LinkedHashMap<>();
        rows.put("naivas", LedgerRow.of(user, "A1", "2024-05-01T08:00:00Z", "-1500.00",
                "Merchant Payment to NAIVAS Westlands").counterparty("NAIVAS").merchantCode("123456"));
        rows.put("kplc", LedgerRow.of(user, "A2", "2024-05-02T08:00:00Z", "-300.00", "Pay Bill to 888880 KPLC PREPAID")
                .counterparty("KPLC").merchantCode("888880").source("SMS"));
        rows.put("salary", LedgerRow.of(user, "A3", "2024-05-03T08:00:00Z", "85000.00", "Salary May")
                .counterparty("ACME LTD").source("BANK_FEED"));
        rows.put("promo", LedgerRow.of(user, "A4", "2024-05-04T08:00:00Z", "250.00", "Refund 100%_off promo"));
        rows.put("cashback", LedgerRow.of(user, "A5", "2024-05-05T08:00:00Z", "10.00", "Cashback 1000 offer"));
        rows.put("online", LedgerRow.of(user, "A6", "2024-05-06T08:00:00Z", "-1000.00", "naivas online")
                .counterparty("Naivas"));
        rows.put("zero", LedgerRow.of(user, "A7", "2024-05-07T08:00:00Z", "0.00", "Reversal NAIVAS"));
        rows.put("boda", LedgerRow.of(user, "A8", "2024-05-08T08:00:00Z", "-5000.00", "Boda ride to NAIVAS stage")
                .account(ugxWallet).converted("UGX", "-175.00", "KES").source("MANUAL"));
        rows.put("airtime", LedgerRow.of(user, "A9", "2024-05-09T08:00:00Z", "-100.00", "Airtime Purchase")
                .counterparty("SAFARICOM").source("CALLBACK"));
        rows.put("naivasia", LedgerRow.of(user, "A10", "2024-05-10T08:00:00Z", "-20.00", "NAIVASIA kiosk"));
        Map<String, UUID> ids = new LinkedHashMap<>();
        rows.forEach((name, row) -> ids.put(name, row.insert(jdbc)));

        check(user, rows, ids, "{\"descriptionContains\":\"Naivas\"}",
                new When("naivas", null, null, null, null, null, null, null, null, null),
                List.of("naivas", "online", "zero", "boda", "naivasia"));
        check(user, rows, ids, "{\"counterpartyContains\":\"NAIV\"}",
                new When(null, "naiv", null, null, null, null, null, null, null, null), List.of("naivas", "online"));
        check(user, rows, ids, "{\"descriptionContains\":\"100%_off\"}",
                new When("100%_off", null, null, null, null, null, null, null, null, null), List.of("promo"));
        check(user, rows, ids, "{\"descriptionContains\":\"100%\"}",
                new When("100%", null, null, null, null, null, null, null, null, null), List.of("promo"));
        check(user, rows, ids, "{\"minAmount\":-1500.00,\"maxAmount\":-300}",
                new When(null, null, null, null, new BigDecimal("-1500.00"), new BigDecimal("-300"), null, null, null,
                        null), List.of("naivas", "kplc", "online"));
        check(user, rows, ids, "{\"direction\":\"IN\"}",
                new When(null, null, null, null, null, null, null, "IN", null, null),
                List.of("salary", "promo", "cashback"));
        check(user, rows, ids, "{\"direction\":\"OUT\",\"currency\":\"UGX\"}",
                new When(null, null, null, null, null, null, null, "OUT", "UGX", null), List.of("boda"));
        check(user, rows, ids, "{\"paymentMethod\":\"SMS\"}",
                new When(null, null, null, null, null, null, null, null, null, "SMS"), List.of("kplc"));
        check(user, rows, ids, "{\"merchantCode\":\"888880\"}",
                new When(null, null, null, "888880", null, null, null, null, null, null), List.of("kplc"));
        check(user, rows, ids, "{\"accountId\":\"" + ugxWallet + "\"}",
                new When(null, null, null, null, null, null, ugxWallet, null, null, null), List.of("boda"));
        check(user, rows, ids, "{\"descriptionRegex\":\"^pay\\\\s+bill\\\\b.*\\\\d{6}\"}",
                new When(null, null, "^pay\\s+bill\\b.*\\d{6}", null, null, null, null, null, null, null),
                List.of("kplc"));
        check(user, rows, ids, "{\"descriptionRegex\":\"\\\\bnaivas\\\\b\",\"direction\":\"OUT\"}",
                new When(null, null, "\\bnaivas\\b", null, null, null, null, "OUT", null, null),
                List.of("naivas", "online", "boda"));
    }

    private void check(ApiClient.SignedIn user, Map<String, LedgerRow> rows, Map<String, UUID> ids, String conditions,
                       When when, List<String> byHand) throws Exception {
        String rule = Requests.read(mvc.perform(as(user, post("/api/v1/rules"),
                        "{\"conditions\":" + conditions + ",\"actions\":{\"category\":\"shopping\"}}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        JsonNode preview = Requests.read(mvc.perform(as(user, post("/api/v1/rules/" + rule + "/preview?limit=1000")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        List<String> previewed = RulesIntegrationTest.ids(preview.get("changes"));
        Predicate<LedgerRow> categorizer = row -> streamMatches(when, row);
        List<String> streamWould = rows.entrySet().stream().filter(e -> categorizer.test(e.getValue()))
                .map(e -> ids.get(e.getKey()).toString()).toList();
        assertThat(previewed).as(conditions).containsExactlyInAnyOrderElementsOf(streamWould);
        assertThat(previewed).as(conditions)
                .containsExactlyInAnyOrderElementsOf(byHand.stream().map(name -> ids.get(name).toString()).toList());
        assertThat(preview.get("total").asLong()).isEqualTo(byHand.size());
    }

    /** streams.reference.CategoryRule#matches, condition by condition, over the ledger row's fields. */
    private static boolean streamMatches(When rule, LedgerRow t) {
        String description = t.description().toLowerCase(Locale.ROOT);
        String counterparty = t.counterparty() == null ? "" : t.counterparty().toLowerCase(Locale.ROOT);
        BigDecimal amount = t.amount();
        return (rule.descriptionContains() == null || description.contains(rule.descriptionContains()))
                && (rule.counterpartyContains() == null || counterparty.contains(rule.counterpartyContains()))
                && (rule.merchantCode() == null || rule.merchantCode().equals(t.merchantCode()))
                && (rule.min() == null || amount.compareTo(rule.min()) >= 0)
                && (rule.max() == null || amount.compareTo(rule.max()) <= 0)
                && (rule.accountId() == null || rule.accountId().equals(t.accountId()))
                && (rule.direction() == null || (rule.direction().equals("IN") ? amount.signum() > 0
                        : amount.signum() < 0))
                && (rule.currency() == null || rule.currency().equals(t.currency()))
                && (rule.method() == null || rule.method().equals(t.source()))
                && (rule.regex() == null
                        || Pattern.compile(rule.regex(), Pattern.CASE_INSENSITIVE).matcher(t.description()).find());
    }
}
