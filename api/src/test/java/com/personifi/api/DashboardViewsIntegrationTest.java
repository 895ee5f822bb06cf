package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.personifi.api.dashboard.UserDataVersions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Cash flow, net worth, top counterparties and currency exposure over ledger rows inserted as the sink writes them,
 * for a user whose base is KES (with a USD account) and one whose base is USD (with a KES wallet). The expected
 * figures are worked out by hand from the rows below.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DashboardViewsIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    ApiClient.SignedIn amina;
    UUID dollars;

    @BeforeEach
    void givenAKesUserWithAWalletAndADollarAccount() throws Exception {
        amina = ApiClient.signUp(mvc, "KES");
        dollars = account(amina, "Dollar account", "BANK", "USD");
        UUID wallet = amina.walletId();
        // the wallet states its running balance on every row (an M-Pesa statement)
        row(amina, wallet, "2024-01-10T09:00:00Z", "10000.00", "KES", "10000.00", "1", "10000.00", "EMPLOYER", null);
        row(amina, wallet, "2024-01-20T09:00:00Z", "-2500.00", "KES", "7500.00", "1", "-2500.00", "NAIVAS", null);
        // 22:30 UTC on 31 January is 1 February in Nairobi
        row(amina, wallet, "2024-01-31T22:30:00Z", "-100.00", "KES", "7400.00", "1", "-100.00", "MATATU", null);
        row(amina, wallet, "2024-02-05T09:00:00Z", "-1000.00", "KES", "6400.00", "1", "-1000.00", "KPLC", null);
        UUID transfer = row(amina, wallet, "2024-02-06T09:00:00Z", "-500.00", "KES", "5900.00", "1", "-500.00",
                "JOHN KAMAU", null);
        // its fee, booked at the same instant, states the balance after both
        row(amina, wallet, "2024-02-06T09:00:00Z", "-13.00", "KES", "5887.00", "1", "-13.00", null, transfer);
        // the dollar account states no balance: its movements add up to it
        row(amina, dollars, "2024-01-15T09:00:00Z", "100.00", "USD", null, "129", "12900.00", "UPWORK", null);
        row(amina, dollars, "2024-02-15T09:00:00Z", "-30.00", "USD", null, "129", "-3870.00", "AMAZON", null);
        UUID deleted = row(amina, wallet, "2024-02-20T09:00:00Z", "-9999.00", "KES", "0.00", "1", "-9999.00",
                "DELETED", null);
        jdbc.sql("UPDATE transactions SET deleted_at = now() WHERE id = ?").param(deleted).update();
    }

    @Test
    void cashFlowSumsEachMonthOfTheUsersTimeZoneInBaseCurrency() throws Exception {
        JsonNode flow = read(amina, "/api/v1/dashboard/cash-flow?from=2023-12&to=2024-02");

        assertThat(flow.get("currency").asString()).isEqualTo("KES");
        List<String> months = new ArrayList<>();
        flow.get("months").forEach(m -> months.add(m.get("month").asString() + " " + m.get("income").asString() + " "
                + m.get("spending").asString() + " " + m.get("net").asString() + " " + m.get("transactionCount").asInt()));
        assertThat(months).containsExactly(
                "2023-12 0.00 0.00 0.00 0",
                "2024-01 22900.00 2500.00 20400.00 3",
                "2024-02 0.00 5483.00 -5483.00 5");
    }

    @Test
    void netWorthTakesEachAccountsStatedBalanceOrItsMovementsAtEachMonthEnd() throws Exception {
        JsonNode worth = read(amina, "/api/v1/dashboard/net-worth?from=2024-01&to=2024-02");

        JsonNode january = worth.get("points").get(0);
        assertThat(january.get("asOf").asString()).isEqualTo("2024-01-31");
        assertThat(january.get("total").asString()).isEqualTo("20400.00");
        assertThat(balances(january)).containsExactly("KES 7500.00 7500.00", "USD 100.00 12900.00");
        JsonNode february = worth.get("points").get(1);
        assertThat(february.get("total").asString()).isEqualTo("14917.00");
        assertThat(balances(february)).containsExactly("KES 5887.00 5887.00", "USD 70.00 9030.00");
        // the change in net worth is the month's cash flow
        assertThat(new BigDecimal("14917.00").subtract(new BigDecimal("20400.00"))).isEqualByComparingTo("-5483.00");
    }

    @Test
    void topCounterpartiesRankTheMonthsSpendingWithTheDescriptionWhereNoCounterpartyIsNamed() throws Exception {
        JsonNode top = read(amina, "/api/v1/dashboard/top-counterparties?month=2024-02&limit=10");

        List<String> ranked = new ArrayList<>();
        top.get("items").forEach(i -> ranked.add(i.get("counterparty").asString() + " " + i.get("amount").asString()));
        assertThat(ranked).containsExactly("AMAZON 3870.00", "KPLC 1000.00", "JOHN KAMAU 500.00", "MATATU 100.00",
                "Manual entry 13.00");
        assertThat(read(amina, "/api/v1/dashboard/top-counterparties?month=2024-02&limit=2").get("items")).hasSize(2);
    }

    @Test
    void currencyExposureSharesTodaysBalancesInBaseCurrency() throws Exception {
        JsonNode exposure = read(amina, "/api/v1/dashboard/currency-exposure");

        List<String> items = new ArrayList<>();
        exposure.get("items").forEach(i -> items.add(i.get("currency").asString() + " " + i.get("balance").asString()
                + " " + i.get("inBase").asString() + " " + i.get("sharePercent").asString()));
        assertThat(items).containsExactly("USD 70.00 9030.00 60.53", "KES 5887.00 5887.00 39.47");
    }

    @Test
    void anEmptyAccountWithoutARateLeavesItsCurrencysExposureKnown() throws Exception {
        mvc.perform(post("/api/v1/accounts").header("Authorization", amina.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"New dollar card\",\"type\":\"CARD\",\"currency\":\"USD\"}"))
                .andExpect(status().isCreated());

        JsonNode exposure = read(amina, "/api/v1/dashboard/currency-exposure");

        List<String> items = new ArrayList<>();
        exposure.get("items").forEach(i -> items.add(i.get("currency").asString() + " " + i.get("balance").asString()
                + " " + i.get("inBase").asString() + " " + i.get("sharePercent").asString()));
        assertThat(items).containsExactly("USD 70.00 9030.00 60.53", "KES 5887.00 5887.00 39.47");
    }

    @Test
    void aDollarBasedUserSeesTheirShillingsConvertedAndRoundedHalfEvenToCents() throws Exception {
        ApiClient.SignedIn kofi = ApiClient.signUp(mvc, "USD");
        jdbc.sql("UPDATE users SET base_currency = 'USD' WHERE id = ?").param(kofi.userId()).update();
        row(kofi, kofi.walletId(), "2024-01-10T09:00:00Z", "12900.00", "KES", "12900.00", "0.0077519380", "100.00",
                "EMPLOYER", null);

        JsonNode worth = read(kofi, "/api/v1/dashboard/net-worth?from=2024-01&to=2024-01");
        assertThat(worth.get("currency").asString()).isEqualTo("USD");
        // 12,900 × 0.0077519380 = 99.9999999...: HALF_EVEN to cents
        assertThat(worth.get("points").get(0).get("total").asString()).isEqualTo("100.00");
        JsonNode flow = read(kofi, "/api/v1/dashboard/cash-flow?from=2024-01&to=2024-01");
        assertThat(flow.get("months").get(0).get("income").asString()).isEqualTo("100.00");
        // a row converted before Kofi's base became USD is counted as left out, not as zero money
        jdbc.sql("UPDATE transactions SET base_currency = 'KES' WHERE user_id = ?").param(kofi.userId()).update();
        redisBump(kofi);
        JsonNode after = read(kofi, "/api/v1/dashboard/cash-flow?from=2024-01&to=2024-01").get("months").get(0);
        assertThat(after.get("income").asString()).isEqualTo("0.00");
        assertThat(after.get("unconvertedCount").asInt()).isEqualTo(1);
        // Amina's rows are not Kofi's
        assertThat(read(kofi, "/api/v1/dashboard/top-counterparties?month=2024-02").get("items")).isEmpty();
    }

    /** Pounds held through three month ends are worth what each month end's published rate says. */
    @Test
    void moneyHeldInAnotherCurrencyIsRevaluedAtEachMonthEndsPublishedRate() throws Exception {
        ApiClient.SignedIn otieno = ApiClient.signUp(mvc, "KES");
        UUID pounds = account(otieno, "Pound account", "BANK", "GBP");
        // booked at the rate of its day, 160
        row(otieno, pounds, "2024-03-10T09:00:00Z", "100.00", "GBP", null, "160", "16000.00", "EMPLOYER", null);
        // 31 March is a Sunday: Friday's rate stands in; 31 May has no rate within a week
        publishedRate("GBP", "KES", "2024-03-29", "165.5");
        publishedRate("GBP", "KES", "2024-04-30", "170");
        publishedRate("GBP", "KES", LocalDate.now(java.time.ZoneId.of("Africa/Nairobi")).toString(), "171.25");

        JsonNode worth = read(otieno, "/api/v1/dashboard/net-worth?from=2024-03&to=2024-05");
        List<String> totals = new ArrayList<>();
        worth.get("points").forEach(p -> totals.add(p.get("month").asString() + " " + p.get("total").asString()));
        // May falls back on the rate its latest row was booked at
        assertThat(totals).containsExactly("2024-03 16550.00", "2024-04 17000.00", "2024-05 16000.00");
        assertThat(balances(worth.get("points").get(1))).containsExactly("KES 0.00 0.00", "GBP 100.00 17000.00");

        JsonNode exposure = read(otieno, "/api/v1/dashboard/currency-exposure");
        assertThat(exposure.get("items").get(0).get("currency").asString()).isEqualTo("GBP");
        assertThat(exposure.get("items").get(0).get("inBase").asString()).isEqualTo("17125.00");
    }

    /**
     * An OFX statement may book a transaction in another currency than its account's: that money is held in its own
     * currency, valued at its own rate, never added to the account's balance as if it were the account's currency.
     */
    @Test
    void moneyAnAccountMovedInAnotherCurrencyIsHeldInThatCurrency() throws Exception {
        ApiClient.SignedIn wekesa = ApiClient.signUp(mvc, "KES");
        UUID francs = account(wekesa, "Franc account", "BANK", "CHF");
        row(wekesa, francs, "2023-06-05T09:00:00Z", "100.00", "CHF", null, "150", "15000.00", "EMPLOYER", null);
        row(wekesa, francs, "2023-06-10T09:00:00Z", "-50.00", "SEK", null, "12", "-600.00", "IKEA", null);
        // came and went in dollars: nothing held
        row(wekesa, francs, "2023-06-11T09:00:00Z", "20.00", "USD", null, "130", "2600.00", "REFUND", null);
        row(wekesa, francs, "2023-06-12T09:00:00Z", "-20.00", "USD", null, "130", "-2600.00", "CARD", null);

        JsonNode june = read(wekesa, "/api/v1/dashboard/net-worth?from=2023-06&to=2023-06").get("points").get(0);
        // at the rates the rows were booked at, none being published for June 2023
        assertThat(balances(june)).containsExactly("KES 0.00 0.00", "CHF 100.00 15000.00", "SEK -50.00 -600.00");
        assertThat(june.get("total").asString()).isEqualTo("14400.00");

        List<String> exposure = new ArrayList<>();
        read(wekesa, "/api/v1/dashboard/currency-exposure").get("items")
                .forEach(e -> exposure.add(e.get("currency").asString() + " " + e.get("balance").asString()));
        assertThat(exposure).containsExactlyInAnyOrder("KES 0.00", "CHF 100.00", "SEK -50.00");
    }

    private UUID account(ApiClient.SignedIn user, String name, String type, String currency) throws Exception {
        return UUID.fromString(ApiClient.json(mvc.perform(post("/api/v1/accounts")
                        .header("Authorization", user.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"currency\":\"" + currency
                                + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString());
    }

    private void publishedRate(String base, String quote, String day, String rate) {
        jdbc.sql("""
                        INSERT INTO fx_rates (base, quote, rate_date, rate, source) VALUES (?, ?, ?, ?, 'TEST')
                        ON CONFLICT (base, quote, rate_date) DO UPDATE SET rate = EXCLUDED.rate""")
                .params(base, quote, java.sql.Date.valueOf(day), new BigDecimal(rate)).update();
    }

    @Test
    void anEntryWithoutABalanceAfterTheLastStatedOneMovesTheBalanceOn() throws Exception {
        ApiClient.SignedIn wanjiru = ApiClient.signUp(mvc, "KES");
        UUID wallet = wanjiru.walletId();
        // the statement's movements add up to 2,000, but its last row says the wallet holds 12,000
        row(wanjiru, wallet, "2024-03-01T09:00:00Z", "3000.00", "KES", "13000.00", "1", "3000.00", "EMPLOYER", null);
        row(wanjiru, wallet, "2024-03-02T09:00:00Z", "-1000.00", "KES", "12000.00", "1", "-1000.00", "NAIVAS", null);
        // typed in by hand afterwards: no balance stated
        row(wanjiru, wallet, "2024-03-05T09:00:00Z", "-500.00", "KES", null, "1", "-500.00", "MAMA MBOGA", null);

        JsonNode march = read(wanjiru, "/api/v1/dashboard/net-worth?from=2024-03&to=2024-03").get("points").get(0);
        assertThat(march.get("total").asString()).isEqualTo("11500.00");
        assertThat(read(wanjiru, "/api/v1/dashboard/currency-exposure").get("items").get(0).get("balance").asString())
                .isEqualTo("11500.00");
    }

    @Test
    void aRangeBackwardsOrTooLongIsABadRequest() throws Exception {
        mvc.perform(get("/api/v1/dashboard/cash-flow?from=2024-03&to=2024-01").header("Authorization", amina.bearer()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/dashboard/net-worth?from=2020-01&to=2024-01").header("Authorization", amina.bearer()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/dashboard/top-counterparties?month=2024-02&limit=500")
                .header("Authorization", amina.bearer())).andExpect(status().isBadRequest());
    }

    @Autowired
    UserDataVersions dataVersions;

    /** As the sink does when it writes the user's rows. */
    private void redisBump(ApiClient.SignedIn user) {
        dataVersions.changedAfterCommit(user.userId());
    }

    private static List<String> balances(JsonNode point) {
        List<String> balances = new ArrayList<>();
        point.get("accounts").forEach(a -> balances.add(a.get("currency").asString() + " "
                + a.get("balance").asString() + " " + a.get("inBase").asString()));
        return balances;
    }

    @Test
    void aMonthBeyondTheCalendarIsRefusedNotAFault() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        for (String path : new String[] {"/api/v1/dashboard?month=+999999999-12",
                "/api/v1/dashboard/cash-flow?from=2024-01&to=+999999999-12",
                "/api/v1/dashboard/top-counterparties?month=1899-12"}) {
            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                            .header("Authorization", user.bearer()))
                    .andExpect(status().isBadRequest());
        }
    }

    @Test
    void moneyMovedBetweenTheUsersOwnAccountsIsNeitherIncomeNorSpending() throws Exception {
        ApiClient.SignedIn baraka = ApiClient.signUp(mvc, "KES");
        UUID bank = account(baraka, "Equity", "BANK", "KES");
        UUID sent = row(baraka, baraka.walletId(), "2024-03-04T09:00:00Z", "-10000.00", "KES", null, "1", "-10000.00",
                "EQUITY PAYBILL", null);
        UUID received = row(baraka, bank, "2024-03-04T09:05:00Z", "10000.00", "KES", null, "1", "10000.00",
                "MPESA", null);
        row(baraka, baraka.walletId(), "2024-03-05T09:00:00Z", "-500.00", "KES", null, "1", "-500.00", "NAIVAS",
                null);
        jdbc.sql("UPDATE transactions SET category = 'own-transfers' WHERE id IN (?, ?)").params(sent, received)
                .update();

        JsonNode summary = read(baraka, "/api/v1/dashboard?month=2024-03");
        assertThat(summary.get("income").asString()).isEqualTo("0.00");
        assertThat(summary.get("spending").asString()).isEqualTo("500.00");
        assertThat(summary.get("transactionCount").asInt()).isEqualTo(3);
        assertThat(summary.get("byCategory").findValuesAsString("category")).containsExactly("uncategorized");
        JsonNode march = read(baraka, "/api/v1/dashboard/cash-flow?from=2024-03&to=2024-03").get("months").get(0);
        assertThat(march.get("income").asString() + " " + march.get("spending").asString() + " "
                + march.get("transactionCount").asInt()).isEqualTo("0.00 500.00 3");
        JsonNode top = read(baraka, "/api/v1/dashboard/top-counterparties?month=2024-03&limit=10").get("items");
        assertThat(top.findValuesAsString("counterparty")).containsExactly("NAIVAS");
    }

    @Test
    void rowsStatedAtOneInstantEndAtTheBalanceTheirChainEndsAtWhateverTheirIdsAre() throws Exception {
        // a date-only bank export books every row of a day at the same instant: salary in, then rent out
        String low = "00000000-0000-0000-0000-00000000000";
        String high = "ffffffff-0000-0000-0000-00000000000";
        for (String[] ids : new String[][] {{low + "1", high + "1"}, {high + "2", low + "2"}}) {
            ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
            UUID salary = row(user, user.walletId(), "2024-05-31T09:00:00Z", "50000.00", "KES", "60000.00", "1",
                    "50000.00", "EMPLOYER", null);
            UUID rent = row(user, user.walletId(), "2024-05-31T09:00:00Z", "-30000.00", "KES", "30000.00", "1",
                    "-30000.00", "LANDLORD", null);
            jdbc.sql("UPDATE transactions SET id = ?::uuid WHERE id = ?").params(ids[0], salary).update();
            jdbc.sql("UPDATE transactions SET id = ?::uuid WHERE id = ?").params(ids[1], rent).update();

            JsonNode may = read(user, "/api/v1/dashboard/net-worth?from=2024-05&to=2024-05").get("points").get(0);

            assertThat(may.get("total").asString()).as("salary id %s, rent id %s", ids[0], ids[1])
                    .isEqualTo("30000.00");
        }
    }

    private JsonNode read(ApiClient.SignedIn user, String path) throws Exception {
        return ApiClient.json(mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                                .header("Authorization", user.bearer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private UUID row(ApiClient.SignedIn user, UUID account, String at, String amount, String currency,
                     String balance, String rate, String amountInBase, String counterparty, UUID parent) {
        UUID id = UUID.randomUUID();
        OffsetDateTime when = OffsetDateTime.parse(at);
        String base = jdbc.sql("SELECT base_currency FROM users WHERE id = ?").param(user.userId())
                .query(String.class).single();
        jdbc.sql("""
                        INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date,
                            amount, currency, description, counterparty, balance, parent_id, category, category_source,
                            category_confidence, base_currency, amount_in_base, fx_rate, fx_rate_date, fx_rate_status)
                        VALUES (?, ?, ?, ?, 'MANUAL', ?, ?, ?, ?, 'Manual entry', ?, ?, ?, 'uncategorized', 'NONE', 0,
                            ?, ?, ?, ?, 'OFFICIAL')""")
                .params(id, user.userId(), account, id.toString(), when,
                        when.atZoneSameInstant(ZoneId.of("Africa/Nairobi")).toLocalDate(), new BigDecimal(amount),
                        currency, counterparty, balance == null ? null : new BigDecimal(balance), parent, base,
                        new BigDecimal(amountInBase), new BigDecimal(rate), when.toLocalDate())
                .update();
        return id;
    }
}
