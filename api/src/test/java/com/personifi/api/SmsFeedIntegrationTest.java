package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

@SpringBootTest
@AutoConfigureMockMvc
class SmsFeedIntegrationTest {

    /** Synthetic, in the shape of an M-Pesa Kenya "sent" confirmation; the names and numbers are made up. */
    static final String SENT = "SAIM8854UT Confirmed. Ksh1,500.00 sent to JOHN KAMAU 0712345678 on 7/1/24 at 9:05 AM."
            + " New M-PESA balance is Ksh5,786.00. Transaction cost, Ksh23.00. Amount you can transact within the day"
            + " is 498,500.00.";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    ApiClient.SignedIn user;

    @BeforeEach
    void signUp() throws Exception {
        user = ApiClient.signUp(mvc, "KES");
    }

    @Test
    void aForwardedConfirmationIsPublishedWithItsTransactionCostAsALinkedFee() throws Exception {
        JsonNode answer = ApiClient.json(forward("{\"text\":" + quoted(SENT) + "}")
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString());

        assertThat(answer.get("outcome").asString()).isEqualTo("PUBLISHED");
        assertThat(answer.get("accountId").asString()).isEqualTo(user.walletId().toString());
        assertThat(answer.get("transactionId").asString())
                .isEqualTo(TransactionIds.transactionId(user.walletId(), "SAIM8854UT").toString());
        assertThat(answer.at("/fee/sourceRef").asString()).isEqualTo("SAIM8854UT:fee");
        assertThat(answer.at("/fee/amount").asString()).isEqualTo("-23.00");
        assertThat(Instant.parse(answer.get("occurredAt").asString()))
                .isEqualTo(Instant.parse("2024-01-07T06:05:00Z"));

        List<RawTransaction> published = published(2).stream()
                .sorted(Comparator.comparing(RawTransaction::getSourceRef)).toList();
        assertThat(published).extracting(RawTransaction::getSourceRef).containsExactly("SAIM8854UT", "SAIM8854UT:fee");
        RawTransaction sent = published.get(0);
        RawTransaction fee = published.get(1);
        assertThat(sent.getSource()).isEqualTo(TransactionSource.SMS);
        assertThat(sent.getAmount()).isEqualByComparingTo("-1500.00");
        assertThat(sent.getCurrency()).isEqualTo("KES");
        assertThat(sent.getCounterparty()).isEqualTo("JOHN KAMAU");
        // the stated balance is after the transaction cost, as the statement's charge row has it
        assertThat(sent.getBalance()).isNull();
        assertThat(fee.getBalance()).isEqualByComparingTo("5786.00");
        assertThat(fee.getAmount()).isEqualByComparingTo("-23.00");
        assertThat(fee.getParentSourceRef()).isEqualTo("SAIM8854UT");
        assertThat(published).allSatisfy(t -> assertThat(t.getUserId()).isEqualTo(user.userId().toString()));
    }

    /** The same notice reaches both sides of a reversed transfer; each user's ledger says which side they were on. */
    @Test
    void aReversalNoticeGivesBackWhatTheReversedTransactionMovedTheOtherWay() throws Exception {
        LedgerRow.of(user, "SAK3LM4NO5", "2024-01-15T08:00:00Z", "-2000.00", "Customer Transfer to 0712***318")
                .insert(jdbc);
        LedgerRow.of(user, "SAK3LM4NO6", "2024-01-15T09:00:00Z", "750.00", "Funds received from 0722***111")
                .insert(jdbc);
        LedgerRow.of(user, "SAK3LM4NO7", "2024-01-15T10:00:00Z", "-500.00", "Customer Transfer to 0733***222")
                .insert(jdbc);

        forward("{\"text\":" + quoted(reversal("SAV4WX5YZ6", "SAK3LM4NO5", "2,000.00")) + "}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.outcome").value("PUBLISHED"))
                .andExpect(jsonPath("$.amount").value("2000.00"));
        forward("{\"text\":" + quoted(reversal("SAV4WX5YZ7", "SAK3LM4NO6", "750.00")) + "}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.amount").value("-750.00"));
        // the amount the message names is what moved back; the ledger gives only the direction
        forward("{\"text\":" + quoted(reversal("SAV4WX5YZ9", "SAK3LM4NO7", "200.00")) + "}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.amount").value("200.00"));
        // the reversed transaction is not known here: no guess at the sign
        forward("{\"text\":" + quoted(reversal("SAV4WX5YZ8", "SAK3LM4NO9", "300.00")) + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("NOTHING_TO_PUBLISH"))
                .andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.containsString("reverses")));

        List<RawTransaction> published = published(3).stream()
                .sorted(Comparator.comparing(RawTransaction::getSourceRef)).toList();
        assertThat(published).extracting(RawTransaction::getSourceRef)
                .containsExactly("SAV4WX5YZ6", "SAV4WX5YZ7", "SAV4WX5YZ9");
        assertThat(published.get(0).getAmount()).isEqualByComparingTo("2000.00");
        assertThat(published.get(1).getAmount()).isEqualByComparingTo("-750.00");
        assertThat(published.get(2).getAmount()).isEqualByComparingTo("200.00");
        assertThat(published).allSatisfy(t -> assertThat(t.getDescription()).startsWith("Reversal of"));
    }

    /** An Airtel or MTN notice names only the reversed transaction: booked under that id, it would merge into it. */
    @Test
    void anAirtelReversalNoticeIsReadButLeftForTheStatement() throws Exception {
        String ugx = ApiClient.json(mvc.perform(post("/api/v1/accounts").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Airtel\",\"type\":\"MOBILE_MONEY\",\"currency\":\"UGX\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        LedgerRow.of(user, "51234567890", "2024-05-12T11:30:00Z", "-20000", "Customer Transfer to 0752***456")
                .account(java.util.UUID.fromString(ugx)).converted("UGX", null, "KES").insert(jdbc);

        forward("{\"text\":\"TID 51234567890 of UGX 20,000 has been reversed and credited to your Airtel Money account"
                + " on 13/05/2024 10:00. Bal: UGX 200,500.\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("NOTHING_TO_PUBLISH"))
                .andExpect(jsonPath("$.kind").value("REVERSAL"));

        assertThat(jdbc.sql("SELECT amount FROM transactions WHERE source_ref = '51234567890'")
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("-20000");
    }

    private static String reversal(String receipt, String reversed, String amount) {
        return receipt + " Confirmed. Transaction " + reversed + " of Ksh" + amount + " has been reversed on 16/1/24 at"
                + " 11:00 AM. Your account balance is now Ksh7,286.00.";
    }

    @Test
    void aMessageThatMovedNoMoneyPublishesNothingAndSaysWhy() throws Exception {
        forward("{\"text\":\"Failed. You do not have enough money in your M-PESA account to send Ksh5,000.00.\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("NOTHING_TO_PUBLISH"))
                .andExpect(jsonPath("$.reason").isNotEmpty());

        assertThat(published(0)).isEmpty();
    }

    @Test
    void aConfirmationMissingWhatATransactionNeedsIsRefusedAsAProblem() throws Exception {
        forward("{\"text\":\"SAIM8854UT Confirmed. sent to JOHN KAMAU 0712345678 on 7/1/24 at 9:05 AM.\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("0712345678"))));
    }

    @Test
    void aMessageInACurrencyTheUserHasNoWalletInIsRefusedAskingWhichAccount() throws Exception {
        forward("{\"text\":\"TID: 51234567890. You have sent UGX 20,000 to MUGISHA PETER 0752123456 on 12/05/2024"
                + " 14:30. Fee: UGX 500. Bal: UGX 180,500.\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("UGX")));
    }

    @Test
    void aMessageSentForAnAccountOfAnotherCurrencyIsRefusedSoItCannotBeCountedTwice() throws Exception {
        String created = mvc.perform(post("/api/v1/accounts").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Dollar card\",\"type\":\"CARD\",\"currency\":\"USD\"}"))
                .andReturn().getResponse().getContentAsString();
        String card = ApiClient.json(created).get("id").asString();

        forward("{\"text\":" + quoted(SENT) + ",\"accountId\":\"" + card + "\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("KES")));

        assertThat(published(0)).isEmpty();
    }

    @Test
    void anotherUsersAccountIsNotFoundAndNothingIsPublished() throws Exception {
        ApiClient.SignedIn other = ApiClient.signUp(mvc, "KES");

        forward("{\"text\":" + quoted(SENT) + ",\"accountId\":\"" + other.walletId() + "\"}")
                .andExpect(status().isNotFound());

        assertThat(published(0)).isEmpty();
    }

    @Test
    void aForwardingPhonePostsToItsOwnUrlWithoutAnAccessTokenUntilItIsRevoked() throws Exception {
        MvcResult created = mvc.perform(post("/api/v1/feeds/sms/forwarders").header("Authorization", user.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Tecno Spark\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andReturn();
        JsonNode forwarder = ApiClient.json(created.getResponse().getContentAsString());
        String id = forwarder.get("id").asString();
        String token = forwarder.get("token").asString();
        URI url = URI.create(forwarder.get("url").asString());
        assertThat(url.getPath()).isEqualTo("/api/v1/feeds/sms/" + id);

        JsonNode answer = ApiClient.json(mvc.perform(post(url.getPath() + "?" + url.getRawQuery())
                        .contentType(MediaType.TEXT_PLAIN).content(SENT))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString());
        assertThat(answer.get("transactionId").asString())
                .isEqualTo(TransactionIds.transactionId(user.walletId(), "SAIM8854UT").toString());
        assertThat(published(2)).extracting(RawTransaction::getUserId).containsOnly(user.userId().toString());
        String listed = mvc.perform(get("/api/v1/feeds/sms/forwarders").header("Authorization", user.bearer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(ApiClient.json(listed).get(0).get("lastUsedAt").isNull()).isFalse();
        assertThat(listed).contains("Tecno Spark").doesNotContain(token);

        String another = SENT.replace("SAIM8854UT", "SAIM8854UV");
        mvc.perform(post("/api/v1/feeds/sms/" + id).param("token", token + "x")
                        .contentType(MediaType.TEXT_PLAIN).content(another))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/feeds/sms/" + id).header("Authorization", user.bearer())
                        .contentType(MediaType.TEXT_PLAIN).content(another))
                .andExpect(status().isUnauthorized());
        ApiClient.SignedIn other = ApiClient.signUp(mvc, "KES");
        mvc.perform(delete("/api/v1/feeds/sms/forwarders/" + id).header("Authorization", other.bearer()))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/feeds/sms/forwarders/" + id).header("Authorization", user.bearer()))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/v1/feeds/sms/" + id).header("X-Feed-Token", token)
                        .contentType(MediaType.TEXT_PLAIN).content(another))
                .andExpect(status().isUnauthorized());

        assertThat(published(2)).as("only the first message and its fee").hasSize(2);
    }

    @Test
    void aReceiptTimeOutsideAnyPlausibleRangeIsAFieldError() throws Exception {
        forward("{\"text\":" + quoted(SENT) + ",\"receivedAt\":\"-1000000000-01-01T00:00:00Z\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("receivedAt"));
    }

    @Test
    void aForwardedMessageIsNotKeptUnderAnIdempotencyKeyItIsDeduplicatedByItsReceipt() throws Exception {
        mvc.perform(post("/api/v1/feeds/sms").header("Authorization", user.bearer()).header("Idempotency-Key", "sms-1")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":" + quoted(SENT) + "}"))
                .andExpect(status().isAccepted());

        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE user_id = ?").param(user.userId())
                .query(Long.class).single()).isZero();
    }

    private ResultActions forward(String json) throws Exception {
        return mvc.perform(post("/api/v1/feeds/sms").header("Authorization", user.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }

    private List<RawTransaction> published(int expected) {
        AvroSerde<RawTransaction> serde = AvroSerde.of(RawTransaction.class);
        return TopicReader.read(Topics.RAW_TRANSACTIONS, r -> user.userId().toString().equals(r.key()), expected,
                        Duration.ofSeconds(expected == 0 ? 3 : 30)).stream()
                .map(r -> serde.deserialize(r.topic(), r.value())).toList();
    }
}
