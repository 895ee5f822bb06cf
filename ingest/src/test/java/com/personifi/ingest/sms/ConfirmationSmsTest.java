package com.personifi.ingest.sms;

import static com.personifi.ingest.sms.SmsTransaction.Kind.AGENT_DEPOSIT;
import static com.personifi.ingest.sms.SmsTransaction.Kind.AGENT_WITHDRAWAL;
import static com.personifi.ingest.sms.SmsTransaction.Kind.AIRTIME;
import static com.personifi.ingest.sms.SmsTransaction.Kind.BUSINESS_PAYMENT;
import static com.personifi.ingest.sms.SmsTransaction.Kind.BUY_GOODS;
import static com.personifi.ingest.sms.SmsTransaction.Kind.FULIZA_DRAW;
import static com.personifi.ingest.sms.SmsTransaction.Kind.FULIZA_REPAYMENT;
import static com.personifi.ingest.sms.SmsTransaction.Kind.MSHWARI_DEPOSIT;
import static com.personifi.ingest.sms.SmsTransaction.Kind.MSHWARI_WITHDRAWAL;
import static com.personifi.ingest.sms.SmsTransaction.Kind.PAYBILL;
import static com.personifi.ingest.sms.SmsTransaction.Kind.RECEIVED;
import static com.personifi.ingest.sms.SmsTransaction.Kind.REVERSAL;
import static com.personifi.ingest.sms.SmsTransaction.Kind.SENT;
import static com.personifi.ingest.sms.SmsTransaction.Operator.AIRTEL_MONEY;
import static com.personifi.ingest.sms.SmsTransaction.Operator.MPESA_KE;
import static com.personifi.ingest.sms.SmsTransaction.Operator.MPESA_TZ;
import static com.personifi.ingest.sms.SmsTransaction.Operator.MTN_MOMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.stream.Stream;

import com.personifi.ingest.sms.SmsTransaction.Kind;
import com.personifi.ingest.sms.SmsTransaction.Operator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every sample here is synthetic, written for PersoniFi: the names, numbers and receipts belong to no one. */
class ConfirmationSmsTest {

    private static SmsTransaction tx(Operator operator, Kind kind, String receipt, LocalDateTime at, String amount,
                                     String currency, String counterparty, String phone, String code, String account,
                                     String balance, String fee, String description, String reversed) {
        return new SmsTransaction(operator, kind, receipt, at, dec(amount), currency, counterparty, phone, code, account,
                dec(balance), dec(fee), description, reversed,
                kind == REVERSAL && amount != null ? dec(amount).abs() : null);
    }

    /** The same reading, with the amount a reversal names as written. */
    private static SmsTransaction naming(String reversedAmount, SmsTransaction t) {
        return new SmsTransaction(t.operator(), t.kind(), t.receipt(), t.occurredAt(), t.amount(), t.currency(),
                t.counterparty(), t.counterpartyPhone(), t.merchantCode(), t.accountReference(), t.balance(), t.fee(),
                t.description(), t.reversedReceipt(), dec(reversedAmount));
    }

    private static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static LocalDateTime at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute);
    }

    private static SmsTransaction parsed(String sms) {
        return ConfirmationSms.parse(sms).orElseThrow(() -> new AssertionError("no transaction read from: " + sms));
    }

    /** Every field, amounts compared as numbers so "20,000" and "20000.00" are the same money. */
    private static void assertReads(String sms, SmsTransaction expected) {
        assertThat(parsed(sms)).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(expected);
    }

    static final String KE_SENT = "SAIM8854UT Confirmed. Ksh1,500.00 sent to JOHN KAMAU 0712345678 on 7/1/24 at 9:05 AM."
            + " New M-PESA balance is Ksh5,786.00. Transaction cost, Ksh23.00. Amount you can transact within the day is"
            + " 498,500.00. Pay with M-PESA GlobalPay virtual Visa card & enjoy shopping online.";
    static final SmsTransaction KE_SENT_READ = tx(MPESA_KE, SENT, "SAIM8854UT", at(2024, 1, 7, 9, 5), "-1500.00", "KES",
            "JOHN KAMAU", "0712***678", null, null, "5786.00", "23.00",
            "Customer Transfer to 0712***678 JOHN KAMAU", null);

    @Nested
    class MpesaKenya {

        static Stream<Arguments> confirmations() {
            return Stream.of(
                    Arguments.of(KE_SENT, KE_SENT_READ),
                    Arguments.of("SAJ2KL3MN4 Confirmed.You have received Ksh650.00 from EVANS KIMATHI 0745123316 on"
                                    + " 7/1/24 at 9:05 AM New M-PESA balance is Ksh6,436.00. Separate personal and business"
                                    + " funds through Pochi la Biashara on *334#.",
                            tx(MPESA_KE, RECEIVED, "SAJ2KL3MN4", at(2024, 1, 7, 9, 5), "650.00", "KES", "EVANS KIMATHI",
                                    "0745***316", null, null, "6436.00", null,
                                    "Funds received from 0745***316 EVANS KIMATHI", null)),
                    Arguments.of("SAK3LM4NO5 Confirmed. Ksh2,000.00 sent to KPLC PREPAID for account 54405080323 on"
                                    + " 8/1/24 at 7:45 PM New M-PESA balance is Ksh4,436.00. Transaction cost, Ksh0.00.Amount"
                                    + " you can transact within the day is 498,000.00. Save frequent paybills for quick"
                                    + " payment on M-PESA app https://example.invalid/app",
                            tx(MPESA_KE, PAYBILL, "SAK3LM4NO5", at(2024, 1, 8, 19, 45), "-2000.00", "KES", "KPLC PREPAID",
                                    null, null, "54405080323", "4436.00", null,
                                    "Pay Bill to KPLC PREPAID Acc. 54405080323", null)),
                    Arguments.of("SAL4MN5OP6 Confirmed. Ksh450.00 paid to MAMA SAFI RESTAURANT. on 9/1/24 at 1:15 PM.New"
                                    + " M-PESA balance is Ksh3,986.00. Transaction cost, Ksh0.00. Amount you can transact"
                                    + " within the day is 499,550.00. To move money from bank to M-PESA, dial"
                                    + " *334#>Withdraw>From bank to MPESA",
                            tx(MPESA_KE, BUY_GOODS, "SAL4MN5OP6", at(2024, 1, 9, 13, 15), "-450.00", "KES",
                                    "MAMA SAFI RESTAURANT", null, null, null, "3986.00", null,
                                    "Merchant Payment to MAMA SAFI RESTAURANT", null)),
                    Arguments.of("SAM5NO6PQ7 Confirmed.on 10/1/24 at 4:40 PMWithdraw Ksh3,000.00 from 123456 - JANE SHOP"
                                    + " New M-PESA balance is Ksh986.00. Transaction cost, Ksh53.00. Amount you can transact"
                                    + " within the day is 497,000.00. Download the new M-PESA app for more.",
                            tx(MPESA_KE, AGENT_WITHDRAWAL, "SAM5NO6PQ7", at(2024, 1, 10, 16, 40), "-3000.00", "KES",
                                    "JANE SHOP", null, "123456", null, "986.00", "53.00",
                                    "Customer Withdrawal At Agent Till 123456 - JANE SHOP", null)),
                    Arguments.of("SAN6OP7QR8 Confirmed. On 11/1/24 at 8:20 AM Give Ksh2,500.00 cash to 654321 - BARAKA"
                                    + " AGENCIES New M-PESA balance is Ksh3,486.00. You can now access M-PESA via *334#",
                            tx(MPESA_KE, AGENT_DEPOSIT, "SAN6OP7QR8", at(2024, 1, 11, 8, 20), "2500.00", "KES",
                                    "BARAKA AGENCIES", null, "654321", null, "3486.00", null,
                                    "Deposit of Funds at Agent Till 654321 - BARAKA AGENCIES", null)),
                    Arguments.of("SAO7PQ8RS9 Confirmed. You have received Ksh1,000.00 from 345678 - UMOJA MOBILE POINT"
                                    + " agent on 12/1/24 at 6:05 PM New M-PESA balance is Ksh4,486.00.",
                            tx(MPESA_KE, AGENT_DEPOSIT, "SAO7PQ8RS9", at(2024, 1, 12, 18, 5), "1000.00", "KES",
                                    "UMOJA MOBILE POINT", null, "345678", null, "4486.00", null,
                                    "Deposit of Funds at Agent Till 345678 - UMOJA MOBILE POINT", null)),
                    Arguments.of("SAP8QR9ST0 Confirmed.You bought Ksh100.00 of airtime on 13/1/24 at 12:30 PM.New M-PESA"
                                    + " balance is Ksh4,386.00. Transaction cost, Ksh0.00. Amount you can transact within"
                                    + " the day is 499,900.00. Start investing today. Dial *334#.",
                            tx(MPESA_KE, AIRTIME, "SAP8QR9ST0", at(2024, 1, 13, 12, 30), "-100.00", "KES", "Safaricom",
                                    null, null, null, "4386.00", null, "Airtime Purchase", null)),
                    Arguments.of("SAQ9RS0TU1 Confirmed.You bought Ksh50.00 of airtime for 0798765432 on 13/1/24 at"
                                    + " 12:35 PM.New M-PESA balance is Ksh4,336.00. Transaction cost, Ksh0.00.",
                            tx(MPESA_KE, AIRTIME, "SAQ9RS0TU1", at(2024, 1, 13, 12, 35), "-50.00", "KES", "Safaricom",
                                    "0798***432", null, null, "4336.00", null, "Airtime Purchase for 0798***432", null)),
                    Arguments.of("SAIM8854UT Confirmed. Fuliza M-PESA amount is Ksh 250.00. Access Fee charged Ksh 2.50."
                                    + " Total Fuliza M-PESA outstanding amount is Ksh 252.50 due on 06/02/24. To check daily"
                                    + " charges, Dial *334#OK Select Query Charges",
                            tx(MPESA_KE, FULIZA_DRAW, "SAIM8854UT", null, "250.00", "KES", "Fuliza M-PESA", null, null,
                                    null, null, "2.50", "OverDraft of Credit Party", null)),
                    Arguments.of("SAR0ST1UV2 Confirmed. Ksh 252.50 from your M-PESA has been used to fully pay your"
                                    + " outstanding Fuliza M-PESA. Available Fuliza M-PESA limit is Ksh 1,000.00. M-PESA"
                                    + " balance is Ksh 747.50.",
                            tx(MPESA_KE, FULIZA_REPAYMENT, "SAR0ST1UV2", null, "-252.50", "KES", "Fuliza M-PESA", null,
                                    null, null, "747.50", null, "OD Loan Repayment - Fuliza M-PESA", null)),
                    Arguments.of("SAS1TU2VW3 Confirmed.Ksh1,000.00 transferred to M-Shwari account on 14/1/24 at 6:12 PM."
                                    + " M-PESA balance is Ksh3,336.00 .New M-Shwari saving account balance is Ksh12,500.00."
                                    + " Transaction cost Ksh.0.00",
                            tx(MPESA_KE, MSHWARI_DEPOSIT, "SAS1TU2VW3", at(2024, 1, 14, 18, 12), "-1000.00", "KES",
                                    "M-Shwari", null, null, null, "3336.00", null, "M-Shwari Deposit", null)),
                    Arguments.of("SAT2UV3WX4 Confirmed.Ksh2,000.00 transferred from M-Shwari account on 15/1/24 at"
                                    + " 10:00 AM. M-Shwari balance is Ksh10,500.00 .M-PESA balance is Ksh5,336.00"
                                    + " .Transaction cost Ksh.0.00",
                            tx(MPESA_KE, MSHWARI_WITHDRAWAL, "SAT2UV3WX4", at(2024, 1, 15, 10, 0), "2000.00", "KES",
                                    "M-Shwari", null, null, null, "5336.00", null, "M-Shwari Withdraw", null)),
                    Arguments.of("SAU3VW4XY5 Confirmed. Transaction SAIM8854UT has been reversed. Your account balance"
                                    + " is now Ksh7,286.00.",
                            tx(MPESA_KE, REVERSAL, "SAU3VW4XY5", null, null, "KES", null, null, null, null, "7286.00",
                                    null, "Reversal of SAIM8854UT", "SAIM8854UT")),
                    Arguments.of("SAV4WX5YZ6 Confirmed. Transaction SAK3LM4NO5 of Ksh2,000.00 has been reversed on"
                                    + " 16/1/24 at 11:00 AM. Your account balance is now Ksh7,286.00.",
                            naming("2000.00", tx(MPESA_KE, REVERSAL, "SAV4WX5YZ6", at(2024, 1, 16, 11, 0), null, "KES",
                                    null, null, null, null, "7286.00", null, "Reversal of SAK3LM4NO5", "SAK3LM4NO5"))),
                    Arguments.of("SAV4WX5YZ7 Confirmed. Transaction SAK3LM4NO6 of Ksh2,000.00 has been reversed on"
                                    + " 16/1/24 at 11:05 AM and credited to your M-PESA account. Your account balance is"
                                    + " now Ksh9,286.00.",
                            tx(MPESA_KE, REVERSAL, "SAV4WX5YZ7", at(2024, 1, 16, 11, 5), "2000.00", "KES", null, null,
                                    null, null, "9286.00", null, "Reversal of SAK3LM4NO6", "SAK3LM4NO6")),
                    Arguments.of("SAV4WX5YZ8 Confirmed. Transaction SAK3LM4NO7 of Ksh1,500.00 has been reversed on"
                                    + " 16/1/24 at 11:10 AM and debited from your M-PESA account. Your account balance is"
                                    + " now Ksh7,786.00.",
                            tx(MPESA_KE, REVERSAL, "SAV4WX5YZ8", at(2024, 1, 16, 11, 10), "-1500.00", "KES", null, null,
                                    null, null, "7786.00", null, "Reversal of SAK3LM4NO7", "SAK3LM4NO7")),
                    Arguments.of("SAW5XY6ZA7 Confirmed.You have received Ksh5,000.00 from 247247 - ACME KENYA LTD on"
                                    + " 17/1/24 at 3:00 PM New M-PESA balance is Ksh12,286.00.",
                            tx(MPESA_KE, BUSINESS_PAYMENT, "SAW5XY6ZA7", at(2024, 1, 17, 15, 0), "5000.00", "KES",
                                    "ACME KENYA LTD", null, "247247", null, "12286.00", null,
                                    "Business Payment from 247247 - ACME KENYA LTD", null)));
        }

        @ParameterizedTest
        @MethodSource("confirmations")
        void readsEveryFieldOfEachKindOfConfirmation(String sms, SmsTransaction expected) {
            assertReads(sms, expected);
        }

        @Test
        void keepsAmountsExactlyAsWritten() {
            SmsTransaction sent = parsed(KE_SENT);

            assertThat(sent.amount()).isEqualTo(new BigDecimal("-1500.00"));
            assertThat(sent.fee()).isEqualTo(new BigDecimal("23.00"));
            assertThat(sent.balance()).isEqualTo(new BigDecimal("5786.00"));
        }

        static Stream<String> reformattedSent() {
            return Stream.of(
                    "  Fwd: MPESA:\nSAIM8854UT Confirmed. Ksh1,500.00 sent to\nJOHN KAMAU 0712345678 on 7/1/24 at 9:05 AM.\n"
                            + "New M-PESA balance is Ksh5,786.00. Transaction cost, Ksh23.00.  \n",
                    "FW: M-PESA: SAIM8854UT Confirmed.Ksh1,500.00 sent to JOHN KAMAU +254 712 345 678 on 7/1/24 at 9:05 AM."
                            + "New M-PESA balance is Ksh5,786.00.Transaction cost, Ksh23.00.Amount you can transact within"
                            + " the day is 498,500.00.",
                    "SAIM8854UT Confirmed. KES 1500 sent to JOHN KAMAU 254712345678 on 07/01/2024 at 09:05. New M-PESA"
                            + " balance is KES 5786. Transaction cost, KES 23.",
                    "SAIM8854UT Confirmed. Ksh 1,500 sent to JOHN KAMAU 0712 345 678 on 7/1/24 at 9:05 am New M-PESA"
                            + " balance is Ksh 5,786.00 Transaction cost, Ksh 23.00",
                    "SAIM8854UT Confirmed. Ksh1500.00 sent to JOHN KAMAU 0712***678 on 7/1/2024 at 9:05AM. New M-PESA"
                            + " balance is Ksh5786.00. Transaction cost, Ksh23.00.\r\n\r\nDownload the new M-PESA app &"
                            + " get Ksh50 off on your first purchase.",
                    "\tSAIM8854UT Confirmed.\u00A0Ksh1,500.00 sent to JOHN KAMAU 0712-345-678 on 7/1/24 at 9:05 AM. New"
                            + " M-PESA balance is Ksh5,786.00. Transaction cost, Ksh23.00. Safaricom only calls you from"
                            + " 0722000000.");
        }

        @ParameterizedTest
        @MethodSource("reformattedSent")
        void readsTheSameTransferHoweverItIsSpacedPrefixedOrWritten(String sms) {
            assertReads(sms, KE_SENT_READ);
        }

        @Test
        void readsATwentyFourHourTimeAfterNoon() {
            assertThat(parsed(KE_SENT.replace("9:05 AM", "21:05")).occurredAt()).isEqualTo(at(2024, 1, 7, 21, 5));
        }

        @Test
        void readsTwelveAmAndPmAsMidnightAndNoon() {
            assertThat(parsed(KE_SENT.replace("9:05 AM", "12:10 AM")).occurredAt()).isEqualTo(at(2024, 1, 7, 0, 10));
            assertThat(parsed(KE_SENT.replace("9:05 AM", "12:10 PM")).occurredAt()).isEqualTo(at(2024, 1, 7, 12, 10));
        }

        @Test
        void readsTheDayBeforeTheMonth() {
            assertThat(parsed(KE_SENT.replace("7/1/24", "3/12/24")).occurredAt()).isEqualTo(at(2024, 12, 3, 9, 5));
        }

        @Test
        void identifiesAFulizaDrawLikeTheStatementsOverdraftRowAndItsAccessFeeApart() {
            SmsTransaction draw = parsed("SAIM8854UT Confirmed. Fuliza M-PESA amount is Ksh 250.00. Access Fee charged"
                    + " Ksh 2.50. Total Fuliza M-PESA outstanding amount is Ksh 252.50 due on 06/02/24.");

            assertThat(draw.sourceRef()).isEqualTo("SAIM8854UT:overdraft");
            assertThat(draw.feeSourceRef()).isEqualTo("SAIM8854UT:overdraft:fee");
            assertThat(parsed(KE_SENT).feeSourceRef()).isEqualTo("SAIM8854UT:fee");
        }

        @Test
        void hasNoFeeMovementWhenTheTransactionCostIsZero() {
            SmsTransaction airtime = parsed("SAP8QR9ST0 Confirmed.You bought Ksh100.00 of airtime on 13/1/24 at 12:30 PM."
                    + "New M-PESA balance is Ksh4,386.00. Transaction cost, Ksh0.00.");

            assertThat(airtime.fee()).isNull();
            assertThat(airtime.feeSourceRef()).isNull();
        }
    }

    @Nested
    class MpesaTanzania {

        static Stream<Arguments> confirmations() {
            return Stream.of(
                    Arguments.of("QKL1MN2OP3 Imethibitishwa. Umepokea Tsh50,000.00 kutoka kwa 255754123456 - ASHA MUSSA"
                                    + " tarehe 12/5/24 saa 2:30 PM Salio lako jipya la M-Pesa ni Tsh150,000.00. Pakua"
                                    + " programu ya M-Pesa App.",
                            tx(MPESA_TZ, RECEIVED, "QKL1MN2OP3", at(2024, 5, 12, 14, 30), "50000.00", "TZS", "ASHA MUSSA",
                                    "0754***456", null, null, "150000.00", null,
                                    "Funds received from 0754***456 ASHA MUSSA", null)),
                    Arguments.of("QKM2NO3PQ4 Imethibitishwa. Umetuma Tsh20,000.00 kwa JUMA HAMISI 0765432109 tarehe"
                                    + " 13/5/24 saa 9:15 AM. Salio lako jipya la M-Pesa ni Tsh129,500.00. Gharama ya"
                                    + " muamala Tsh500.00.",
                            tx(MPESA_TZ, SENT, "QKM2NO3PQ4", at(2024, 5, 13, 9, 15), "-20000.00", "TZS", "JUMA HAMISI",
                                    "0765***109", null, null, "129500.00", "500.00",
                                    "Customer Transfer to 0765***109 JUMA HAMISI", null)),
                    Arguments.of("QKN3OP4QR5 Imethibitishwa. Umelipa Tsh35,000.00 kwa 400700 - TANESCO LUKU kwa akaunti"
                                    + " namba 24681357902 tarehe 14/5/24 saa 6:45 PM. Salio lako jipya la M-Pesa ni"
                                    + " Tsh94,000.00. Gharama ya muamala Tsh500.00.",
                            tx(MPESA_TZ, PAYBILL, "QKN3OP4QR5", at(2024, 5, 14, 18, 45), "-35000.00", "TZS",
                                    "TANESCO LUKU", null, "400700", "24681357902", "94000.00", "500.00",
                                    "Pay Bill to 400700 - TANESCO LUKU Acc. 24681357902", null)),
                    Arguments.of("QKO4PQ5RS6 Imethibitishwa. Umelipa Tsh12,500.00 kwa 556677 - DUKA LA MAMA NURU tarehe"
                                    + " 15/5/24 saa 11:20 AM. Salio lako jipya la M-Pesa ni Tsh81,500.00.",
                            tx(MPESA_TZ, BUY_GOODS, "QKO4PQ5RS6", at(2024, 5, 15, 11, 20), "-12500.00", "TZS",
                                    "DUKA LA MAMA NURU", null, "556677", null, "81500.00", null,
                                    "Merchant Payment to 556677 - DUKA LA MAMA NURU", null)),
                    Arguments.of("QKP5QR6ST7 Imethibitishwa. Umetoa Tsh40,000.00 kwa wakala 234567 - MAMA NURU SHOP"
                                    + " tarehe 16/5/24 saa 5:05 PM. Salio lako jipya la M-Pesa ni Tsh40,500.00. Gharama ya"
                                    + " muamala Tsh1,000.00.",
                            tx(MPESA_TZ, AGENT_WITHDRAWAL, "QKP5QR6ST7", at(2024, 5, 16, 17, 5), "-40000.00", "TZS",
                                    "MAMA NURU SHOP", null, "234567", null, "40500.00", "1000.00",
                                    "Customer Withdrawal At Agent Till 234567 - MAMA NURU SHOP", null)),
                    Arguments.of("QKQ6RS7TU8 Imethibitishwa. Umepokea Tsh60,000.00 kutoka kwa wakala 234567 - MAMA NURU"
                                    + " SHOP tarehe 17/5/24 saa 10:10 AM Salio lako jipya la M-Pesa ni Tsh100,500.00.",
                            tx(MPESA_TZ, AGENT_DEPOSIT, "QKQ6RS7TU8", at(2024, 5, 17, 10, 10), "60000.00", "TZS",
                                    "MAMA NURU SHOP", null, "234567", null, "100500.00", null,
                                    "Deposit of Funds at Agent Till 234567 - MAMA NURU SHOP", null)),
                    Arguments.of("QKR7ST8UV9 Imethibitishwa. Umenunua muda wa maongezi wa Tsh2,000.00 tarehe 18/5/24 saa"
                                    + " 20:00. Salio lako jipya la M-Pesa ni Tsh98,500.00.",
                            tx(MPESA_TZ, AIRTIME, "QKR7ST8UV9", at(2024, 5, 18, 20, 0), "-2000.00", "TZS", "Vodacom",
                                    null, null, null, "98500.00", null, "Airtime Purchase", null)),
                    Arguments.of("Fwd: M-Pesa:\n QKS8TU9VW0 Imethibitishwa.Umetuma Tsh 7500 kwa NEEMA JOSEPH +255 713 456 789"
                                    + " tarehe 19/05/2024 saa 7:40 PM.\nSalio lako jipya la M-Pesa ni Tsh 91,000.",
                            tx(MPESA_TZ, SENT, "QKS8TU9VW0", at(2024, 5, 19, 19, 40), "-7500", "TZS", "NEEMA JOSEPH",
                                    "0713***789", null, null, "91000", null,
                                    "Customer Transfer to 0713***789 NEEMA JOSEPH", null)));
        }

        @ParameterizedTest
        @MethodSource("confirmations")
        void readsEveryFieldOfEachSwahiliConfirmation(String sms, SmsTransaction expected) {
            assertReads(sms, expected);
        }
    }

    @Nested
    class AirtelMoney {

        static Stream<Arguments> confirmations() {
            return Stream.of(
                    // the id is the reversed transaction's: read, never booked under it
                    Arguments.of("TID 51234567890 of UGX 20,000 has been reversed and credited to your Airtel Money"
                                    + " account on 13/05/2024 10:00. Bal: UGX 200,500.",
                            tx(AIRTEL_MONEY, REVERSAL, "51234567890", at(2024, 5, 13, 10, 0), null, "UGX", null, null,
                                    null, null, "200500", null, "Reversal of 51234567890", "51234567890")),
                    Arguments.of("TID: 51234567890. You have sent UGX 20,000 to MUGISHA PETER 0752123456 on 12/05/2024"
                                    + " 14:30. Fee: UGX 500. Bal: UGX 180,500.",
                            tx(AIRTEL_MONEY, SENT, "51234567890", at(2024, 5, 12, 14, 30), "-20000", "UGX",
                                    "MUGISHA PETER", "0752***456", null, null, "180500", "500",
                                    "Customer Transfer to 0752***456 MUGISHA PETER", null)),
                    Arguments.of("Received UGX 75,000 from NAKATO GRACE 0701234567 on 13/05/2024 09:12. Bal: UGX 255,500."
                                    + " TID: 51234567891. Airtel Money, the smart way to pay.",
                            tx(AIRTEL_MONEY, RECEIVED, "51234567891", at(2024, 5, 13, 9, 12), "75000", "UGX",
                                    "NAKATO GRACE", "0701***567", null, null, "255500", null,
                                    "Funds received from 0701***567 NAKATO GRACE", null)),
                    Arguments.of("TID: MP240512.1430.A12345. You have sent KES 500 to 0733123456 ALICE WANJIRU on"
                                    + " 12/05/2024 at 2:30 PM. Fee KES 0. Bal KES 1,250.",
                            tx(AIRTEL_MONEY, SENT, "MP240512.1430.A12345", at(2024, 5, 12, 14, 30), "-500", "KES",
                                    "ALICE WANJIRU", "0733***456", null, null, "1250", null,
                                    "Customer Transfer to 0733***456 ALICE WANJIRU", null)),
                    Arguments.of("TID: 51234567892. Paid UGX 45,000 to UMEME YAKA Acc 04123456789 on 14/05/2024 10:05."
                                    + " Fee: UGX 0. Bal: UGX 210,500.",
                            tx(AIRTEL_MONEY, PAYBILL, "51234567892", at(2024, 5, 14, 10, 5), "-45000", "UGX",
                                    "UMEME YAKA", null, null, "04123456789", "210500", null,
                                    "Pay Bill to UMEME YAKA Acc. 04123456789", null)),
                    Arguments.of("TID: 51234567893. Paid UGX 12,000 to CAFE JAVAS KAMPALA (Merchant ID 556677) on"
                                    + " 14/05/2024 13:40. Bal: UGX 198,500.",
                            tx(AIRTEL_MONEY, BUY_GOODS, "51234567893", at(2024, 5, 14, 13, 40), "-12000", "UGX",
                                    "CAFE JAVAS KAMPALA", null, "556677", null, "198500", null,
                                    "Merchant Payment to 556677 - CAFE JAVAS KAMPALA", null)),
                    Arguments.of("TID: 51234567894. Withdrawn UGX 50,000 from agent 4455 - KATO MOBILE MONEY on 15/05/2024"
                                    + " 17:20. Fee: UGX 1,500. Bal: UGX 147,000.",
                            tx(AIRTEL_MONEY, AGENT_WITHDRAWAL, "51234567894", at(2024, 5, 15, 17, 20), "-50000", "UGX",
                                    "KATO MOBILE MONEY", null, "4455", null, "147000", "1500",
                                    "Customer Withdrawal At Agent Till 4455 - KATO MOBILE MONEY", null)),
                    Arguments.of("TID: 51234567895. Cash In UGX 100,000 by agent 4455 - KATO MOBILE MONEY on 16/05/2024"
                                    + " 08:30. Bal: UGX 247,000.",
                            tx(AIRTEL_MONEY, AGENT_DEPOSIT, "51234567895", at(2024, 5, 16, 8, 30), "100000", "UGX",
                                    "KATO MOBILE MONEY", null, "4455", null, "247000", null,
                                    "Deposit of Funds at Agent Till 4455 - KATO MOBILE MONEY", null)),
                    Arguments.of("TID: 51234567896. You have bought airtime of UGX 5,000 for 0752123456 on 16/05/2024"
                                    + " 19:00. Bal: UGX 242,000.",
                            tx(AIRTEL_MONEY, AIRTIME, "51234567896", at(2024, 5, 16, 19, 0), "-5000", "UGX", "Airtel",
                                    "0752***456", null, null, "242000", null, "Airtime Purchase for 0752***456", null)));
        }

        @ParameterizedTest
        @MethodSource("confirmations")
        void readsEveryFieldOfEachAirtelConfirmation(String sms, SmsTransaction expected) {
            assertReads(sms, expected);
        }
    }

    @Nested
    class MtnMomo {

        static Stream<Arguments> confirmations() {
            return Stream.of(
                    Arguments.of("You have received 50.00 GHS from KWAME MENSAH (233244123456) on 2024-05-12 14:30:05."
                                    + " Reference: rent. Your new balance: 150.00 GHS. Financial Transaction Id:"
                                    + " 12345678901. External Transaction Id: -.",
                            tx(MTN_MOMO, RECEIVED, "12345678901", LocalDateTime.of(2024, 5, 12, 14, 30, 5), "50.00", "GHS",
                                    "KWAME MENSAH", "0244***456", null, null, "150.00", null,
                                    "Funds received from 0244***456 KWAME MENSAH", null)),
                    Arguments.of("Payment made for GHS 45.00 to KOFI CHOP BAR. Current Balance: GHS 105.00. Available"
                                    + " Balance: GHS 105.00. Reference: lunch. Transaction Id: 23456789012. Fee charged:"
                                    + " GHS 0.00 TAX charged: GHS 0.00.",
                            tx(MTN_MOMO, BUY_GOODS, "23456789012", null, "-45.00", "GHS", "KOFI CHOP BAR", null, null,
                                    null, "105.00", null, "Merchant Payment to KOFI CHOP BAR", null)),
                    // the E-levy is charged beside the fee: one transaction cost of 2.25
                    Arguments.of("Payment made for GHS 200.00 to AMA SERWAA. Current Balance: GHS 97.75. Available"
                                    + " Balance: GHS 97.75. Reference: rent. Transaction Id: 23456789014. Fee charged:"
                                    + " GHS 0.75 TAX charged: GHS 1.50.",
                            tx(MTN_MOMO, BUY_GOODS, "23456789014", null, "-200.00", "GHS", "AMA SERWAA", null, null,
                                    null, "97.75", "2.25", "Merchant Payment to AMA SERWAA", null)),
                    Arguments.of("Payment made for GHS 120.00 to ECG PREPAID Acc 0123456789. Current Balance: GHS 30.00."
                                    + " Transaction Id: 23456789013. Fee charged: GHS 1.20.",
                            tx(MTN_MOMO, PAYBILL, "23456789013", null, "-120.00", "GHS", "ECG PREPAID", null, null,
                                    "0123456789", "30.00", "1.20", "Pay Bill to ECG PREPAID Acc. 0123456789", null)),
                    Arguments.of("Y\u2019ello. You have sent UGX 30,000 to NAMBI SARAH (256772123456) on 2024-05-12"
                                    + " 10:15:00. Fee UGX 500. Your new balance: UGX 120,000. Transaction ID: 9876543210.",
                            tx(MTN_MOMO, SENT, "9876543210", at(2024, 5, 12, 10, 15), "-30000", "UGX", "NAMBI SARAH",
                                    "0772***456", null, null, "120000", "500",
                                    "Customer Transfer to 0772***456 NAMBI SARAH", null)),
                    Arguments.of("*165*S*5,000 RWF transferred to JEAN BOSCO NIYONZIMA (250788123456) from 12345678 at"
                                    + " 2024-05-12 09:30:11. Fee was: 100 RWF. Balance: 20,000 RWF. FT Id: 4455667788.",
                            tx(MTN_MOMO, SENT, "4455667788", LocalDateTime.of(2024, 5, 12, 9, 30, 11), "-5000", "RWF",
                                    "JEAN BOSCO NIYONZIMA", "0788***456", null, null, "20000", "100",
                                    "Customer Transfer to 0788***456 JEAN BOSCO NIYONZIMA", null)),
                    Arguments.of("*164*R*You have received 10,000 RWF from ALINE UWASE (250788654321) at 2024-05-13"
                                    + " 18:02:44. Balance: 30,000 RWF. FT Id: 4455667799.",
                            tx(MTN_MOMO, RECEIVED, "4455667799", LocalDateTime.of(2024, 5, 13, 18, 2, 44), "10000", "RWF",
                                    "ALINE UWASE", "0788***321", null, null, "30000", null,
                                    "Funds received from 0788***321 ALINE UWASE", null)),
                    Arguments.of("Cash Out made for GHS 200.00 to AGENT: ABENA MOBILE MONEY ENT. Current Balance: GHS"
                                    + " 350.00. Fee charged: GHS 2.00. Transaction Id: 34567890123.",
                            tx(MTN_MOMO, AGENT_WITHDRAWAL, "34567890123", null, "-200.00", "GHS",
                                    "ABENA MOBILE MONEY ENT", null, null, null, "350.00", "2.00",
                                    "Customer Withdrawal At Agent ABENA MOBILE MONEY ENT", null)),
                    Arguments.of("Y'ello. Cash In of UGX 50,000 by agent 7788 - OKELLO MOBILE SERVICES on 2024-05-15"
                                    + " 09:00:00. Your new balance: UGX 168,000. Transaction ID: 9876543212.",
                            tx(MTN_MOMO, AGENT_DEPOSIT, "9876543212", at(2024, 5, 15, 9, 0), "50000", "UGX",
                                    "OKELLO MOBILE SERVICES", null, "7788", null, "168000", null,
                                    "Deposit of Funds at Agent Till 7788 - OKELLO MOBILE SERVICES", null)),
                    Arguments.of("Y'ello. You have bought airtime of UGX 2,000 on 2024-05-14 12:00:00. Your new balance:"
                                    + " UGX 118,000. Transaction ID: 9876543211.",
                            tx(MTN_MOMO, AIRTIME, "9876543211", at(2024, 5, 14, 12, 0), "-2000", "UGX", "MTN", null,
                                    null, null, "118000", null, "Airtime Purchase", null)));
        }

        @ParameterizedTest
        @MethodSource("confirmations")
        void readsEveryFieldOfEachMomoConfirmation(String sms, SmsTransaction expected) {
            assertReads(sms, expected);
        }

        /** Only a labelled tax is a charge: tax paid as the payment itself is its amount, not a fee beside it. */
        @Test
        void takesNoFeeFromTaxThatIsThePaymentItself() {
            SmsTransaction read = ConfirmationSms.parse("Payment made for GHS 200.00 to GRA for income tax GHS 200.00."
                    + " Current Balance: GHS 50.00. Transaction Id: 23456789015. Fee charged: GHS 0.00.").orElseThrow();

            assertThat(read.amount()).isEqualByComparingTo("-200.00");
            assertThat(read.fee()).isNull();
        }
    }

    @Nested
    class NotAMoneyMovement {

        @ParameterizedTest
        @ValueSource(strings = {
                "Pay with M-PESA GlobalPay virtual Visa card & enjoy shopping online! Dial *334# to get yours.",
                "Get 1GB for Ksh 50 valid for 24 hrs. Dial *544# now. Terms apply.",
                "SAX6YZ7AB8 Confirmed. Your account balance was: M-PESA Account : Ksh5,786.00 on 18/1/24 at 8:00 AM."
                        + " Transaction cost, Ksh0.00.",
                "Failed. You do not have enough money in your M-PESA account to send Ksh5,000.00. Your M-PESA balance is"
                        + " Ksh786.00.",
                "Salio lako ni Tsh150,000.00. Asante kwa kutumia M-Pesa.",
                "Y'ello! Buy a weekly bundle of 2GB for UGX 5,000. Dial *150# today.",
                "Fwd: MPESA: Download the new M-PESA app and send money for free to friends."})
        void readsPromotionsBalanceEnquiriesAndFailuresAsNoTransaction(String sms) {
            assertThat(ConfirmationSms.parse(sms)).isEmpty();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\n\n"})
        void readsNothingFromAnEmptyText(String sms) {
            assertThat(ConfirmationSms.parse(sms)).isEmpty();
        }
    }

    @Nested
    class Garbled {

        static Stream<Arguments> unreadable() {
            return Stream.of(
                    Arguments.of("SAIM8854UT Confirmed. Ksh1,5OO.00 sent to JOHN KAMAU 0712345678 on 7/1/24 at 9:05 AM."
                            + " New M-PESA balance is Ksh5,786.00.", "1,5OO.00' is not a well-formed amount"),
                    Arguments.of("SAIM8854UT Confirmed. Ksh1,500.00 sent to JOHN KAMAU 0712345678. New M-PESA balance is"
                            + " Ksh5,786.00.", "no date and time"),
                    Arguments.of("Confirmed. Ksh1,500.00 sent to JOHN KAMAU 0712345678 on 7/1/24 at 9:05 AM. New M-PESA"
                            + " balance is Ksh5,786.00.", "no receipt number"),
                    Arguments.of("SAIM8854UT Confirmed. Ksh sent to JOHN KAMAU 0712345678 on 7/1/24 at 9:05 AM.",
                            "names no amount"),
                    Arguments.of("SAIM8854UT Confirmed. Ksh1,500.00 sent to JOHN KAMAU 0712345678 on 31/2/24 at 9:05 AM.",
                            "not a real date"),
                    Arguments.of("SAIM8854UT Confirmed. Ksh1,500.00 sent to JOHN KAMAU 0712345678 on 7/1/24 at 9:05 AM."
                            + " New M-PESA balance is Ksh5,78,6.00.", "balance '5,78,6.00'"),
                    Arguments.of("SAIM8854UT Confirmed. Ksh1,500.00 sent to JOHN KAMAU 0712345678 on 7/1/24 at 9:05 AM."
                            + " Transaction cost, Ksh2.3.00.", "fee"),
                    Arguments.of("QKM2NO3PQ4 Imethibitishwa. Umetuma Tsh20,000.00 kwa JUMA HAMISI 0765432109. Salio lako"
                            + " jipya la M-Pesa ni Tsh129,500.00.", "no date and time"),
                    Arguments.of("TID: 51234567890. You have sent UGX to MUGISHA PETER 0752123456 on 12/05/2024 14:30.",
                            "no amount"),
                    Arguments.of("Y'ello. You have sent UGX 30,000 to NAMBI SARAH (256772123456) on 2024-05-12 10:15:00.",
                            "no transaction id"));
        }

        @ParameterizedTest
        @MethodSource("unreadable")
        void refusesAConfirmationItCannotReadSayingWhatIsMissingWithoutTheFullPhoneNumber(String sms, String reason) {
            assertThatThrownBy(() -> ConfirmationSms.parse(sms))
                    .isInstanceOf(SmsNotUnderstoodException.class)
                    .hasMessageContaining(reason)
                    .message().doesNotContainPattern("\\d{7,}").doesNotContain("345678", "123456", "432109");
        }

        /**
         * The patterns that read a confirmation search back and forth over it, so a megabyte of text would take them
         * minutes; no SMS is longer than ten parts, and a longer text is refused before any pattern reads it.
         */
        @Test
        void refusesTextLongerThanAnySmsAtOnce() {
            String huge = "SAIM8854UT Confirmed. " + "Ksh1 sent to JOHN ".repeat(60_000);

            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> ConfirmationSms.parse(huge))
                    .isInstanceOf(SmsNotUnderstoodException.class)
                    .hasMessageContaining("at most 1600"));
        }

        @Test
        void masksAnyPhoneNumberThatReachesTheMessage() {
            assertThat(new SmsNotUnderstoodException("cannot read the party 0712345678 or +254 712 345 678"))
                    .hasMessage("cannot read the party 0712***678 or 0712***678");
        }
    }
}
