package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import com.personifi.api.dashboard.Dashboard;
import com.personifi.api.dashboard.UserDataVersions;
import com.personifi.schemas.RedisKeys;
import org.junit.jupiter.api.BeforeEach;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** The read model is written directly here, as the sink would; the stream is exercised end to end in the app. */
@SpringBootTest
@AutoConfigureMockMvc
class DashboardIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RedissonClient redis;

    @Autowired
    UserDataVersions versions;

    ApiClient.SignedIn amina;

    @BeforeEach
    void givenAUserWithAMonthOfTransactions() throws Exception {
        amina = ApiClient.signUp(mvc, "KES");
        row(amina, "2024-05-01T06:30:00+03:00", "85000.00", "salary", "KES");
        row(amina, "2024-05-03T12:00:00+03:00", "-1500.00", "electricity", "KES");
        row(amina, "2024-05-04T12:00:00+03:00", "-850.50", "food", "KES");
        row(amina, "2024-05-09T12:00:00+03:00", "-149.50", "food", "KES");
        row(amina, "2024-05-09T12:00:00+03:00", "-13.00", "mobile-money-fees", "KES");
        row(amina, "2024-05-31T23:30:00+03:00", "-100.00", "airtime-data", "KES");
        // 30 April 23:30 in Nairobi is still April there, though UTC says 20:30: not in May
        row(amina, "2024-04-30T23:30:00+03:00", "-999.00", "food", "KES");
        // 1 June 00:10 in Nairobi is 31 May 21:10 UTC: June for the user
        row(amina, "2024-06-01T00:10:00+03:00", "-777.00", "food", "KES");
        // converted to another base before a base-currency change: reported as unconverted, not summed
        row(amina, "2024-05-20T12:00:00+03:00", "-5.00", "food", "USD");
        UUID deleted = row(amina, "2024-05-21T12:00:00+03:00", "-4000.00", "food", "KES");
        jdbc.sql("UPDATE transactions SET deleted_at = now() WHERE id = ?").param(deleted).update();
    }

    private UUID row(ApiClient.SignedIn user, String at, String amountInBase, String category, String base) {
        UUID id = UUID.randomUUID();
        OffsetDateTime when = OffsetDateTime.parse(at);
        jdbc.sql("""
                INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date, amount,
                    currency, description, category, category_source, category_confidence, base_currency,
                    amount_in_base, fx_rate, fx_rate_date, fx_rate_status)
                VALUES (?, ?, ?, ?, 'MPESA_STATEMENT', ?, ?, ?, 'KES', 'test', ?, 'BUILT_IN', 90, ?, ?, 1, ?, 'OFFICIAL')""")
                .params(id, user.userId(), user.walletId(), id.toString(), when, when.toLocalDate(),
                        new BigDecimal(amountInBase), category, base, new BigDecimal(amountInBase), when.toLocalDate())
                .update();
        return id;
    }

    @Test
    void sumsTheMonthInTheUsersTimeZoneAndBaseCurrency() throws Exception {
        mvc.perform(get("/api/v1/dashboard").param("month", "2024-05").header("Authorization", amina.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currency").value("KES"))
                .andExpect(jsonPath("$.income").value("85000.00"))
                .andExpect(jsonPath("$.spending").value("2613.00"))
                .andExpect(jsonPath("$.net").value("82387.00"))
                .andExpect(jsonPath("$.transactionCount").value(6))
                .andExpect(jsonPath("$.unconvertedCount").value(1))
                .andExpect(jsonPath("$.byCategory[0].category").value("electricity"))
                .andExpect(jsonPath("$.byCategory[0].amount").value("1500.00"))
                .andExpect(jsonPath("$.byCategory[1].category").value("food"))
                .andExpect(jsonPath("$.byCategory[1].name").value("Food & Groceries"))
                .andExpect(jsonPath("$.byCategory[1].amount").value("1000.00"));
    }

    @Test
    void agreesWithIndependentSqlOverTheSameRows() throws Exception {
        JsonNode dashboard = ApiClient.json(mvc.perform(get("/api/v1/dashboard").param("month", "2024-05")
                .header("Authorization", amina.bearer())).andReturn().getResponse().getContentAsString());

        BigDecimal spending = jdbc.sql("""
                SELECT -sum(amount_in_base) FROM transactions
                WHERE user_id = ? AND amount_in_base < 0 AND deleted_at IS NULL AND base_currency = 'KES'
                  AND (occurred_at AT TIME ZONE 'Africa/Nairobi') >= '2024-05-01'
                  AND (occurred_at AT TIME ZONE 'Africa/Nairobi') < '2024-06-01'""")
                .param(amina.userId()).query(BigDecimal.class).single();

        assertThat(new BigDecimal(dashboard.get("spending").asString())).isEqualByComparingTo(spending);
    }

    @Test
    void theDashboardIsServedFromTheCacheUntilTheUsersDataVersionMoves() throws Exception {
        assertThat(spendingInMay()).isEqualTo("2613.00");
        // written behind the cache's back: the sink and the API move the data version when they write
        row(amina, "2024-05-22T12:00:00+03:00", "-7.00", "food", "KES");
        assertThat(spendingInMay()).as("from the cache").isEqualTo("2613.00");
        assertThat(redis.getKeys().countExists(RedisKeys.dashboard(amina.userId(),
                redis.getAtomicLong(RedisKeys.dataVersion(amina.userId())).get(), "2024-05"))).isEqualTo(1);

        versions.changedAfterCommit(amina.userId());

        assertThat(spendingInMay()).isEqualTo("2620.00");
    }

    @Test
    void aChangeAnotherProcessAnnouncesReachesTheDashboardThisInstanceHolds() throws Exception {
        assertThat(spendingInMay()).isEqualTo("2613.00");
        row(amina, "2024-05-22T12:00:00+03:00", "-7.00", "food", "KES");
        redis.getAtomicLong(RedisKeys.dataVersion(amina.userId())).incrementAndGet();
        // the version this instance read stands until a message names the user (or for a few seconds at most)
        assertThat(spendingInMay()).as("version moved unannounced").isEqualTo("2613.00");

        // as the sink announces the users of a batch it wrote
        redis.getTopic(RedisKeys.DATA_VERSION_CHANGES, StringCodec.INSTANCE)
                .publish(UUID.randomUUID() + "," + amina.userId());

        await().atMost(Duration.ofSeconds(5)).until(() -> spendingInMay().equals("2620.00"));
    }

    @Test
    void theWholeDashboardIsTheAnswerTheGeneralPathGivesWithEveryFieldPicked() throws Exception {
        String everyField = Arrays.stream(Dashboard.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.joining(","));
        // serialized from the record and tagged by the ETag filter
        MockHttpServletResponse general = mvc.perform(get("/api/v1/dashboard").param("month", "2024-05")
                        .param("fields", everyField).header("Authorization", amina.bearer()))
                .andExpect(status().isOk()).andReturn().getResponse();
        // the first made from the record as it is cached, the second from the JSON kept with it
        for (int i = 0; i < 2; i++) {
            MockHttpServletResponse whole = mvc.perform(get("/api/v1/dashboard").param("month", "2024-05")
                            .header("Authorization", amina.bearer()))
                    .andExpect(status().isOk()).andReturn().getResponse();
            assertThat(whole.getContentAsString()).isEqualTo(general.getContentAsString());
            assertThat(whole.getContentType()).isEqualTo(general.getContentType());
            assertThat(whole.getHeader("ETag")).startsWith("W/\"0").isEqualTo(general.getHeader("ETag"));
            assertThat(whole.getHeader("Cache-Control")).isEqualTo(general.getHeader("Cache-Control"));
        }

        MockHttpServletResponse unchanged = mvc.perform(get("/api/v1/dashboard").param("month", "2024-05")
                        .header("Authorization", amina.bearer()).header("If-None-Match", general.getHeader("ETag")))
                .andExpect(status().isNotModified()).andReturn().getResponse();
        assertThat(unchanged.getContentAsByteArray()).isEmpty();
        mvc.perform(get("/api/v1/dashboard").param("month", "2024-05").header("Authorization", amina.bearer())
                        .header("If-None-Match", "W/\"0stale\""))
                .andExpect(status().isOk());
    }

    private String spendingInMay() throws Exception {
        return ApiClient.json(mvc.perform(get("/api/v1/dashboard").param("month", "2024-05")
                        .header("Authorization", amina.bearer())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).get("spending").asString();
    }

    @Test
    void anotherUserSeesNoneOfIt() throws Exception {
        ApiClient.SignedIn other = ApiClient.signUp(mvc, "KES");

        mvc.perform(get("/api/v1/dashboard").param("month", "2024-05").header("Authorization", other.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.income").value("0.00"))
                .andExpect(jsonPath("$.transactionCount").value(0))
                .andExpect(jsonPath("$.byCategory.length()").value(0));
    }

    @Test
    void graphQlAnswersWithTheSameNumbers() throws Exception {
        mvc.perform(post("/graphql").header("Authorization", amina.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"query\":\"{ dashboard(month: \\\"2024-05\\\") { currency income spending net byCategory { category amount } } }\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.dashboard.income").value("85000.00"))
                .andExpect(jsonPath("$.data.dashboard.spending").value("2613.00"))
                .andExpect(jsonPath("$.data.dashboard.byCategory[1].amount").value("1000.00"));
    }

    @Test
    void aMalformedMonthIsABadRequestInRestAndATypedErrorInGraphQl() throws Exception {
        mvc.perform(get("/api/v1/dashboard").param("month", "May 2024").header("Authorization", amina.bearer()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("month must look like 2024-05, was 'May 2024'"));
        mvc.perform(post("/graphql").header("Authorization", amina.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"query\":\"{ dashboard(month: \\\"13/2024\\\") { net } }\"}"))
                .andExpect(jsonPath("$.errors[0].extensions.classification").value("BAD_REQUEST"));
    }
}
