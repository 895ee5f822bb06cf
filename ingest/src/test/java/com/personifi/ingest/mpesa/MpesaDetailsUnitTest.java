package com.personifi.ingest.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

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
}
