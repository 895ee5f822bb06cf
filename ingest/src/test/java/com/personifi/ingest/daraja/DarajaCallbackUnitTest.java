package com.personifi.ingest.daraja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

import com.personifi.ingest.UnreadableCallbackException;
import com.personifi.ingest.daraja.DarajaCallback.Kind;
import com.personifi.ingest.daraja.DarajaCallback.Movement;
import com.personifi.ingest.daraja.DarajaCallback.Parsed;
import org.junit.jupiter.api.Test;

class DarajaCallbackUnitTest {

    private static final String VALIDATION_ACCEPTED = "{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\"}";
    private static final String CONFIRMATION_RECEIVED = "{\"ResultCode\":0,\"ResultDesc\":\"Success\"}";
    private static final String RESULT_ACCEPTED = "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}";

    @Test
    void aC2bConfirmationIsMoneyInToTheShortcodeWithTheCustomersPhoneMasked() throws IOException {
        Parsed parsed = DarajaCallback.parse(fixture("c2b_confirmation_request.json"));

        assertThat(parsed).isEqualTo(new Parsed(Kind.C2B_CONFIRMATION, "LGR219G3EY", Optional.of(new Movement(
                "LGR219G3EY", LocalDateTime.of(2017, 7, 27, 10, 42, 47), Instant.parse("2017-07-27T07:42:47Z"),
                new BigDecimal("10.00"), "KES", "John Doe", "600134", "xyz", new BigDecimal("49197.00"),
                "Funds received from 2547*****149 John Doe Acc. xyz")), CONFIRMATION_RECEIVED));
        assertThat(parsed.movement().orElseThrow().localDate()).isEqualTo(LocalDate.of(2017, 7, 27));
    }

    @Test
    void aC2bValidationIsAnsweredAndMovesNoMoneyYet() throws IOException {
        Parsed parsed = DarajaCallback.parse(fixture("c2b_validation_request.json"));

        assertThat(parsed).isEqualTo(new Parsed(Kind.C2B_VALIDATION, "validation:LGR219G3EY", Optional.empty(),
                VALIDATION_ACCEPTED));
    }

    @Test
    void aC2bValidationOfAPaymentWithoutAPositiveAmountIsRejectedWithDarajasInvalidAmountCode() {
        Parsed parsed = DarajaCallback.parse(json("""
                {"TransactionType":"Pay Bill","TransID":"RKL51ZDR4F","TransTime":"20231121121325",
                 "TransAmount":"0.00","BusinessShortCode":"600966","BillRefNumber":"",
                 "OrgAccountBalance":"","MSISDN":"2547 ***** 126","FirstName":"NICHOLAS"}"""));

        assertThat(parsed.kind()).isEqualTo(Kind.C2B_VALIDATION);
        assertThat(parsed.movement()).isEmpty();
        assertThat(parsed.acknowledgement()).isEqualTo("{\"ResultCode\":\"C2B00013\",\"ResultDesc\":\"Rejected\"}");
    }

    @Test
    void aNewerC2bConfirmationKeepsTheMaskedPhoneAndLeavesAHashedOneOut() {
        Movement masked = DarajaCallback.parse(json("""
                {"TransactionType":"Pay Bill","TransID":"RKL51ZDR4F","TransTime":"20231121121325",
                 "TransAmount":"5.00","BusinessShortCode":"600966","BillRefNumber":"",
                 "OrgAccountBalance":"25.00","MSISDN":"2547 ***** 126","FirstName":"NICHOLAS"}"""))
                .movement().orElseThrow();
        Movement hashed = DarajaCallback.parse(json("""
                {"TransactionType":"Buy Goods","TransID":"RKL51ZDR4G","TransTime":"20231121121325",
                 "TransAmount":"5.00","BusinessShortCode":"600966","BillRefNumber":"",
                 "OrgAccountBalance":"30.00",
                 "MSISDN":"2dc6b2b9a0bd5bd7b1e8b5f8b8c1c2e4b2b5c6d0e3f8a9b8c7d6e5f4a3b2c1d0",
                 "FirstName":"NICHOLAS","MiddleName":"","LastName":""}"""))
                .movement().orElseThrow();

        assertThat(masked.description()).isEqualTo("Funds received from 2547*****126 NICHOLAS");
        assertThat(masked.accountReference()).isNull();
        assertThat(hashed.description()).isEqualTo("Funds received from NICHOLAS");
        assertThat(hashed.counterparty()).isEqualTo("NICHOLAS");
    }

    @Test
    void aSuccessfulStkPushIsMoneyInUnderItsReceiptWithTheNumericDateRead() throws IOException {
        Parsed parsed = DarajaCallback.parse(fixture("stk_callback_success.json"));

        assertThat(parsed).isEqualTo(new Parsed(Kind.STK_CALLBACK, "LGR7OWQX0R", Optional.of(new Movement(
                "LGR7OWQX0R", LocalDateTime.of(2017, 7, 27, 15, 48, 0), Instant.parse("2017-07-27T12:48:00Z"),
                new BigDecimal("1"), "KES", null, null, null, null, "Funds received from 2547*****839")),
                RESULT_ACCEPTED));
    }

    @Test
    void aCancelledStkPushIsAcknowledgedUnderItsCheckoutRequestAndMovesNothing() throws IOException {
        Parsed parsed = DarajaCallback.parse(fixture("stk_callback_cancelled.json"));

        assertThat(parsed).isEqualTo(new Parsed(Kind.STK_CALLBACK, "ws_CO_27072017151044001", Optional.empty(),
                RESULT_ACCEPTED));
    }

    @Test
    void aB2cResultIsMoneyOutOfTheUtilityAccountToTheNamedReceiver() throws IOException {
        Parsed parsed = DarajaCallback.parse(fixture("b2c_result.json"));

        assertThat(parsed).isEqualTo(new Parsed(Kind.B2C_RESULT, "LGH3197RIB", Optional.of(new Movement(
                "LGH3197RIB", LocalDateTime.of(2017, 7, 17, 10, 54, 57), Instant.parse("2017-07-17T07:54:57Z"),
                new BigDecimal("-8000"), "KES", "John Doe", null, null, new BigDecimal("133568"),
                "Business Payment to 2547*****149 John Doe")), RESULT_ACCEPTED));
    }

    @Test
    void aFailedB2cResultMovesNothing() {
        Parsed parsed = DarajaCallback.parse(json("""
                {"Result":{"ResultType":0,"ResultCode":2001,"ResultDesc":"The initiator information is invalid.",
                 "OriginatorConversationID":"29112-34801843-1","ConversationID":"AG_20191219_00006c6fddb15123addf",
                 "TransactionID":"NLJ0000000"}}"""));

        assertThat(parsed).isEqualTo(new Parsed(Kind.OTHER_RESULT, "AG_20191219_00006c6fddb15123addf",
                Optional.empty(), RESULT_ACCEPTED));
    }

    @Test
    void aTransactionStatusResultIsInformationalOnly() throws IOException {
        Parsed parsed = DarajaCallback.parse(fixture("transaction_status_result.json"));

        assertThat(parsed).isEqualTo(new Parsed(Kind.TRANSACTION_STATUS_RESULT, "AG_20170727_000059c52529a8e080bd",
                Optional.empty(), RESULT_ACCEPTED));
    }

    @Test
    void anAccountBalanceResultMovesNothing() throws IOException {
        Parsed parsed = DarajaCallback.parse(fixture("account_balance_result.json"));

        assertThat(parsed).isEqualTo(new Parsed(Kind.ACCOUNT_BALANCE_RESULT, "AG_20170728_0000589b6252f7f25488",
                Optional.empty(), RESULT_ACCEPTED));
    }

    @Test
    void aPullTransactionsResponseIsNotACallback() throws IOException {
        byte[] pull = fixture("pull_transactions_response.json");

        assertThatThrownBy(() -> DarajaCallback.parse(pull)).isInstanceOf(UnreadableCallbackException.class)
                .hasMessageContaining("Not a Daraja callback").hasMessageContaining("ResponseRefID");
    }

    @Test
    void malformedBodiesAreUnreadable() {
        assertThatThrownBy(() -> DarajaCallback.parse(json("{\"TransID\": ")))
                .isInstanceOf(UnreadableCallbackException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> DarajaCallback.parse(json("[1,2]")))
                .isInstanceOf(UnreadableCallbackException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> DarajaCallback.parse(new byte[0]))
                .isInstanceOf(UnreadableCallbackException.class);
        assertThatThrownBy(() -> DarajaCallback.parse(json("""
                {"TransID":"LGR219G3EY","TransTime":"27/07/2017","TransAmount":"10.00","OrgAccountBalance":"1.00"}""")))
                .isInstanceOf(UnreadableCallbackException.class).hasMessageContaining("TransTime");
        assertThatThrownBy(() -> DarajaCallback.parse(json("""
                {"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":0,"CallbackMetadata":{"Item":[
                 {"Name":"Amount","Value":1},{"Name":"TransactionDate","Value":20170727154800}]}}}}""")))
                .isInstanceOf(UnreadableCallbackException.class).hasMessageContaining("MpesaReceiptNumber");
    }

    /** Read as BigDecimal, a string amount of a million digits used to take seconds of the callback's request. */
    @Test
    void anAmountLongerThanAnyAmountIsNoAmountAndIsNotRead() {
        byte[] body = json("{\"TransID\":\"LGR219G3EY\",\"TransTime\":\"20170727104247\",\"TransAmount\":\""
                + "9".repeat(1_000_000) + "\",\"OrgAccountBalance\":\"1.00\"}");

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> DarajaCallback.parse(body))
                .isInstanceOf(UnreadableCallbackException.class)
                .hasMessage("TransAmount is missing or not an amount"));
    }

    @Test
    void phoneNumbersKeepOnlyThePrefixAndTheLastThreeDigits() {
        assertThat(MaskedPhone.of("254708374149")).isEqualTo("2547*****149");
        assertThat(MaskedPhone.of("+254708374149")).isEqualTo("2547*****149");
        assertThat(MaskedPhone.of("2547 ***** 126")).isEqualTo("2547*****126");
        assertThat(MaskedPhone.of("2dc6b2b9a0bd5bd7b1e8")).isNull();
        assertThat(MaskedPhone.of(null)).isNull();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = DarajaCallbackUnitTest.class.getResourceAsStream("/daraja/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
