package com.personifi.ingest.mpesa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import com.personifi.ingest.mpesa.MpesaDetails.Kind;
import org.junit.jupiter.api.Test;

class MpesaDetailsUnitTest {

    @Test
    void readsTheOtherPartyOfTransfers() {
        assertThat(MpesaDetails.parse("Customer Transfer to - 2547*****501 JOHN  DOE"))
                .isEqualTo(new MpesaDetails(Kind.SENT, "JOHN DOE", null));
        assertThat(MpesaDetails.parse("Funds received from - 2547*****123 JANE WANJIKU"))
                .isEqualTo(new MpesaDetails(Kind.RECEIVED, "JANE WANJIKU", null));
    }

    @Test
    void readsTillAndPaybillNumbers() {
        assertThat(MpesaDetails.parse("Merchant Payment to 5995543 - NAIVAS SUPERMARKET"))
                .isEqualTo(new MpesaDetails(Kind.MERCHANT_PAYMENT, "NAIVAS SUPERMARKET", "5995543"));
        assertThat(MpesaDetails.parse("Pay Bill Online to 888880 Acc. 54405080323"))
                .isEqualTo(new MpesaDetails(Kind.PAYBILL, null, "888880"));
        assertThat(MpesaDetails.parse("Pay Bill Online to 888880 - KPLC PREPAID Acc. 54405080323"))
                .isEqualTo(new MpesaDetails(Kind.PAYBILL, "KPLC PREPAID", "888880"));
        assertThat(MpesaDetails.parse("Customer Withdrawal At Agent Till 123456 - JANE SHOP"))
                .isEqualTo(new MpesaDetails(Kind.AGENT_WITHDRAWAL, "JANE SHOP", "123456"));
        assertThat(MpesaDetails.parse("Business Payment from 247247 - ACME KENYA LTD via API. Original conversation ID is X1"))
                .isEqualTo(new MpesaDetails(Kind.BUSINESS_PAYMENT, "ACME KENYA LTD", "247247"));
    }

    @Test
    void recognisesOperationsWithoutAParty() {
        assertThat(MpesaDetails.parse("Airtime Purchase").kind()).isEqualTo(Kind.AIRTIME);
        assertThat(MpesaDetails.parse("OverDraft of Credit Party").kind()).isEqualTo(Kind.OVERDRAFT);
        assertThat(MpesaDetails.parse("Customer Transfer of Funds Charge").kind()).isEqualTo(Kind.CHARGE);
        assertThat(MpesaDetails.parse("Pay Bill Charge").kind()).isEqualTo(Kind.CHARGE);
        assertThat(MpesaDetails.parse("Something new from Safaricom").kind()).isEqualTo(Kind.OTHER);
    }

    @Test
    void readsAPartyWhoseNameHoldsALineSeparator() {
        assertThat(MpesaDetails.parse("Customer Transfer to - 2547*****501 JOHN\u2028DOE"))
                .isEqualTo(new MpesaDetails(Kind.SENT, "JOHN\u2028DOE", null));
        assertThat(MpesaDetails.parse("Pay Bill to 888880 - KPLC\u2028PREPAID Acc. 544"))
                .isEqualTo(new MpesaDetails(Kind.PAYBILL, "KPLC\u2028PREPAID", "888880"));
    }

    /**
     * A Details cell can hold any text an upload puts there. Each of these used to take minutes: every "to -", " Acc",
     * " via API" or space sent the search back over the rest of the text.
     */
    @Test
    void readsDetailsOfAnyLengthInTimeProportionalToTheirLength() {
        int repeats = 64_000;
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            assertThat(MpesaDetails.parse("Customer Transfer " + "to-".repeat(repeats)).kind()).isEqualTo(Kind.OTHER);
            assertThat(MpesaDetails.parse("Customer Transfer " + "to - a ".repeat(repeats) + "\u2028x").kind())
                    .isEqualTo(Kind.SENT);
            assertThat(MpesaDetails.parse("Pay Bill to 1 - a" + " Acc".repeat(repeats) + "\u2028x").kind())
                    .isEqualTo(Kind.PAYBILL);
            assertThat(MpesaDetails.parse("Business Payment from 1 - a" + " via API".repeat(repeats) + "\u2028x"))
                    .isEqualTo(new MpesaDetails(Kind.BUSINESS_PAYMENT, "a", "1"));
            assertThat(MpesaDetails.parse("Pay Bill to 1 - a" + " \t".repeat(repeats) + "b"))
                    .isEqualTo(new MpesaDetails(Kind.PAYBILL, "a b", "1"));
        });
    }
}
