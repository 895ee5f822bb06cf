package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.personifi.schemas.Topics;
import com.personifi.schemas.events.RawTransaction;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.ids.TransactionIds;
import com.personifi.schemas.serde.AvroSerde;
import com.personifi.testing.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

@SpringBootTest
@AutoConfigureMockMvc
class MpesaFeedIntegrationTest {

    private static final String VALIDATION_ACCEPTED = "{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\"}";
    private static final String CONFIRMATION_RECEIVED = "{\"ResultCode\":0,\"ResultDesc\":\"Success\"}";
    private static final String RESULT_ACCEPTED = "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}";

    @Autowired
    MockMvc mvc;

    ApiClient.SignedIn user;
    UUID feedId;
    URI callbackUrl;
    String token;

    @BeforeEach
    void givenAFeedIntoTheUsersWallet() throws Exception {
        user = ApiClient.signUp(mvc, "KES");
        JsonNode feed = ApiClient.json(mvc.perform(post("/api/v1/feeds/mpesa").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"accountId\":\"" + user.walletId() + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.accountId").value(user.walletId().toString()))
                .andReturn().getResponse().getContentAsString());
        feedId = UUID.fromString(feed.get("id").asString());
        token = feed.get("token").asString();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        callbackUrl = URI.create(feed.get("callbackUrl").asString());
        // Daraja refuses to register a URL with "mpesa" in it
        assertThat(callbackUrl.toString()).endsWith("/api/v1/feeds/mm/" + feedId + "?token=" + token)
                .doesNotContainIgnoringCase("mpesa");
    }

    @Test
    void theUrlTheFeedGivesForDarajaTakesItsCallbacks() throws Exception {
        mvc.perform(post(callbackUrl.getPath() + "?" + callbackUrl.getQuery())
                        .contentType(MediaType.APPLICATION_JSON).content(fixture("c2b_confirmation_request.json")))
                .andExpect(status().isOk())
                .andExpect(content().json(CONFIRMATION_RECEIVED, true));

        assertThat(single(published(1)).getSourceRef()).isEqualTo("LGR219G3EY");
    }

    @Test
    void aC2bConfirmationIsAcknowledgedAndPublishedAsARawTransactionOfTheFeedsAccount() throws Exception {
        callback(fixture("c2b_confirmation_request.json"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json(CONFIRMATION_RECEIVED, true));

        List<RawTransaction> published = published(1);
        assertThat(published).hasSize(1);
        RawTransaction raw = published.get(0);
        assertThat(raw.getId()).isEqualTo(TransactionIds.transactionId(user.walletId(), "LGR219G3EY").toString());
        assertThat(raw.getUserId()).isEqualTo(user.userId().toString());
        assertThat(raw.getAccountId()).isEqualTo(user.walletId().toString());
        assertThat(raw.getSourceRef()).isEqualTo("LGR219G3EY");
        assertThat(raw.getSource()).isEqualTo(TransactionSource.CALLBACK);
        assertThat(raw.getOccurredAt()).isEqualTo(Instant.parse("2017-07-27T07:42:47Z"));
        assertThat(raw.getLocalDate()).isEqualTo(LocalDate.of(2017, 7, 27));
        assertThat(raw.getAmount()).isEqualTo(new BigDecimal("10.0000"));
        assertThat(raw.getCurrency()).isEqualTo("KES");
        assertThat(raw.getDescription()).isEqualTo("Funds received from 2547*****149 John Doe Acc. xyz");
        assertThat(raw.getCounterparty()).isEqualTo("John Doe");
        assertThat(raw.getMerchantCode()).isEqualTo("600134");
        assertThat(raw.getBalance()).isEqualTo(new BigDecimal("49197.0000"));
        assertThat(raw.getParentSourceRef()).isNull();
    }

    @Test
    void aSuccessfulStkPushIsMoneyInUnderItsReceipt() throws Exception {
        callback(fixture("stk_callback_success.json")).andExpect(status().isOk())
                .andExpect(content().json(RESULT_ACCEPTED, true));

        RawTransaction raw = single(published(1));
        assertThat(raw.getSourceRef()).isEqualTo("LGR7OWQX0R");
        assertThat(raw.getOccurredAt()).isEqualTo(Instant.parse("2017-07-27T12:48:00Z"));
        assertThat(raw.getAmount()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(raw.getDescription()).isEqualTo("Funds received from 2547*****839");
        assertThat(raw.getBalance()).isNull();
    }

    @Test
    void aB2cResultIsMoneyOut() throws Exception {
        callback(fixture("b2c_result.json")).andExpect(status().isOk())
                .andExpect(content().json(RESULT_ACCEPTED, true));

        RawTransaction raw = single(published(1));
        assertThat(raw.getSourceRef()).isEqualTo("LGH3197RIB");
        assertThat(raw.getOccurredAt()).isEqualTo(Instant.parse("2017-07-17T07:54:57Z"));
        assertThat(raw.getAmount()).isEqualTo(new BigDecimal("-8000.0000"));
        assertThat(raw.getCounterparty()).isEqualTo("John Doe");
        assertThat(raw.getDescription()).isEqualTo("Business Payment to 2547*****149 John Doe");
        assertThat(raw.getBalance()).isEqualTo(new BigDecimal("133568.0000"));
    }

    @Test
    void callbacksThatMoveNoMoneyAreAcknowledgedAndPublishNothing() throws Exception {
        callback(fixture("c2b_validation_request.json")).andExpect(status().isOk())
                .andExpect(content().json(VALIDATION_ACCEPTED, true));
        callback(fixture("stk_callback_cancelled.json")).andExpect(status().isOk())
                .andExpect(content().json(RESULT_ACCEPTED, true));
        callback(fixture("transaction_status_result.json")).andExpect(status().isOk())
                .andExpect(content().json(RESULT_ACCEPTED, true));
        callback(fixture("account_balance_result.json")).andExpect(status().isOk())
                .andExpect(content().json(RESULT_ACCEPTED, true));

        assertThat(published(0)).isEmpty();
    }

    @Test
    void aReplayedCallbackGetsTheSameAnswerAndIsNotPublishedAgain() throws Exception {
        byte[] confirmation = fixture("c2b_confirmation_request.json");
        callback(confirmation).andExpect(status().isOk()).andExpect(content().json(CONFIRMATION_RECEIVED, true));
        mvc.perform(post("/api/v1/feeds/mpesa/" + feedId).header("X-Feed-Token", token)
                        .contentType(MediaType.APPLICATION_JSON).content(confirmation))
                .andExpect(status().isOk()).andExpect(content().json(CONFIRMATION_RECEIVED, true));

        assertThat(published(1)).hasSize(1);
    }

    @Test
    void aWrongOrMissingTokenIsUnauthorizedAndPublishesNothing() throws Exception {
        byte[] confirmation = fixture("c2b_confirmation_request.json");
        String wrong = token.substring(0, 42) + (token.endsWith("A") ? "B" : "A");

        unauthorized(mvc.perform(post("/api/v1/feeds/mpesa/" + feedId).param("token", wrong)
                .contentType(MediaType.APPLICATION_JSON).content(confirmation)));
        unauthorized(mvc.perform(post("/api/v1/feeds/mpesa/" + feedId)
                .contentType(MediaType.APPLICATION_JSON).content(confirmation)));
        unauthorized(mvc.perform(post("/api/v1/feeds/mpesa/" + feedId).header("X-Feed-Token", wrong)
                .param("token", token).contentType(MediaType.APPLICATION_JSON).content(confirmation)));

        assertThat(published(0)).isEmpty();
    }

    @Test
    void anUnknownFeedLooksExactlyLikeAWrongToken() throws Exception {
        unauthorized(mvc.perform(post("/api/v1/feeds/mpesa/" + UUID.randomUUID()).param("token", token)
                .contentType(MediaType.APPLICATION_JSON).content(fixture("c2b_confirmation_request.json"))));
        unauthorized(mvc.perform(post("/api/v1/feeds/mpesa/not-a-feed").param("token", token)
                .contentType(MediaType.APPLICATION_JSON).content(fixture("c2b_confirmation_request.json"))));
    }

    @Test
    void aBodyLargerThanAnyCallbackIsRefusedBeforeItsSenderIsEvenChecked() throws Exception {
        byte[] huge = new byte[70 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        mvc.perform(post("/api/v1/feeds/mm/" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                        .content(huge))
                .andExpect(status().isContentTooLarge());
        callback(huge).andExpect(status().isContentTooLarge());
        // a callback of its usual size still goes through the same bound
        callback(fixture("c2b_confirmation_request.json")).andExpect(status().isOk());
    }

    @Test
    void aSignedCallbackIsTakenOnlyWithAValidFreshSignature() throws Exception {
        byte[] b2c = fixture("b2c_result.json");
        String now = String.valueOf(Instant.now().getEpochSecond());
        String stale = String.valueOf(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        byte[] tampered = new String(b2c, StandardCharsets.UTF_8).replace("8000", "80000")
                .getBytes(StandardCharsets.UTF_8);

        unauthorized(signed(tampered, now, sign(b2c, now)));
        unauthorized(signed(b2c, stale, sign(b2c, stale)));
        unauthorized(signed(b2c, null, sign(b2c, now)));
        unauthorized(signed(b2c, now, "not-hex"));
        assertThat(published(0)).isEmpty();

        signed(b2c, now, sign(b2c, now)).andExpect(status().isOk()).andExpect(content().json(RESULT_ACCEPTED, true));
        assertThat(single(published(1)).getAmount()).isEqualTo(new BigDecimal("-8000.0000"));

        // its relay signs: the same secret without a signature is somebody replaying an altered request
        unauthorized(callback(fixture("c2b_confirmation_request.json")));
        assertThat(published(1)).hasSize(1);
    }

    @Test
    void anAuthenticatedBodyThatIsNotACallbackIsABadRequest() throws Exception {
        callback("{\"TransID\": ".getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        assertThat(published(0)).isEmpty();
    }

    @Test
    void aRevokedFeedIsRefused() throws Exception {
        mvc.perform(delete("/api/v1/feeds/mpesa/" + feedId).header("Authorization", user.bearer()))
                .andExpect(status().isNoContent());

        unauthorized(callback(fixture("c2b_confirmation_request.json")));
        assertThat(published(0)).isEmpty();
    }

    @Test
    void feedsAreCreatedOnlyByTheSignedInOwnerOfTheAccount() throws Exception {
        ApiClient.SignedIn intruder = ApiClient.signUp(mvc, "KES");
        String body = "{\"accountId\":\"" + user.walletId() + "\"}";

        mvc.perform(post("/api/v1/feeds/mpesa").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/feeds/mpesa").header("Authorization", intruder.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(delete("/api/v1/feeds/mpesa/" + feedId).header("Authorization", intruder.bearer()))
                .andExpect(status().isNotFound());
    }

    private ResultActions callback(byte[] body) throws Exception {
        return mvc.perform(post("/api/v1/feeds/mpesa/" + feedId).param("token", token)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions signed(byte[] body, String timestamp, String signature) throws Exception {
        var request = post("/api/v1/feeds/mpesa/" + feedId).header("X-Feed-Token", token)
                .header("X-Signature", signature).contentType(MediaType.APPLICATION_JSON).content(body);
        if (timestamp != null) {
            request.header("X-Timestamp", timestamp);
        }
        return mvc.perform(request);
    }

    private String sign(byte[] body, String timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static void unauthorized(ResultActions result) throws Exception {
        result.andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Feed authentication failed"));
    }

    private List<RawTransaction> published(int expected) {
        AvroSerde<RawTransaction> serde = AvroSerde.of(RawTransaction.class);
        return TopicReader.read(Topics.RAW_TRANSACTIONS, r -> user.userId().toString().equals(r.key()), expected,
                        Duration.ofSeconds(30)).stream()
                .map(r -> serde.deserialize(r.topic(), r.value())).toList();
    }

    private static RawTransaction single(List<RawTransaction> published) {
        assertThat(published).hasSize(1);
        return published.get(0);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = MpesaFeedIntegrationTest.class.getResourceAsStream("/daraja/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
