package com.personifi.ingest.statement.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

import com.personifi.ingest.statement.RecordingSink;
import com.personifi.ingest.statement.RecordingSink.Reject;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.UnreadableStatementException;
import org.junit.jupiter.api.Test;

/** Expected values are read off the synthetic sample by hand (see statements/SOURCES.md), not from the parser. */
class AirtelMoneyStatementTest {

    private static final String SAMPLE = "wallets/airtel_money_ug_statement.csv";
    private static final String HEADER = "Transaction ID,Transaction Date,Description,Status,Transaction Amount,Fee,"
            + "Balance\n";

    private static RecordingSink read(Reader reader) {
        RecordingSink sink = new RecordingSink();
        AirtelMoneyStatement.read(reader, sink);
        return sink;
    }

    private static RecordingSink read(String csv) {
        return read(new StringReader(csv));
    }

    static String text(String path) {
        try (InputStream in = AirtelMoneyStatementTest.class.getResourceAsStream("/statements/" + path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsEveryCompletedRowOfTheSampleWithTheFeesAsMovementsOfTheirOwn() {
        RecordingSink sink = read(RecordingSink.resource(SAMPLE, StandardCharsets.UTF_8));

        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header().position()).isEqualTo(10);
        assertThat(statement.header().accountNumber()).isNull();
        assertThat(statement.entries()).hasSize(8);
        // opening 150,000 and these make the closing 203,000 the statement prints
        assertThat(statement.sum()).isEqualByComparingTo("53000");
        assertThat(sink.sourceRefs()).containsExactly("51000000001", "51000000002", "51000000002:fee", "51000000003",
                "51000000004", "51000000004:fee", "51000000007", "51000000008");

        StatementEntry first = statement.first();
        assertThat(first.position()).isEqualTo(11);
        assertThat(first.bookingDate()).isEqualTo(LocalDate.of(2024, 5, 2));
        assertThat(first.bookedAt()).isEqualTo(LocalDateTime.of(2024, 5, 2, 8, 17));
        assertThat(first.amount()).isEqualByComparingTo("75000");
        assertThat(first.description()).isEqualTo("Received Money from 0701***567 NAKATO GRACE");
        assertThat(first.balance()).isEqualByComparingTo("225000");
        assertThat(first.currency()).isNull();
        assertThat(first.parentSourceRef()).isNull();

        StatementEntry last = statement.last();
        assertThat(last.position()).isEqualTo(18);
        assertThat(last.bookedAt()).isEqualTo(LocalDateTime.of(2024, 5, 8, 12, 0));
        assertThat(last.amount()).isEqualByComparingTo("100000");
        assertThat(last.balance()).isEqualByComparingTo("203000");
    }

    @Test
    void booksANonZeroFeeAsANegativeMovementLinkedToItsTransactionCarryingTheBalanceAfterBoth() {
        RecordingSink sink = read(RecordingSink.resource(SAMPLE, StandardCharsets.UTF_8));

        StatementEntry sent = sink.entries().get(1);
        StatementEntry fee = sink.entries().get(2);
        assertThat(sent.amount()).isEqualByComparingTo("-20000");
        assertThat(sent.balance()).isNull();
        assertThat(fee.sourceRef()).isEqualTo("51000000002:fee");
        assertThat(fee.parentSourceRef()).isEqualTo("51000000002");
        assertThat(fee.amount()).isEqualByComparingTo("-500");
        assertThat(fee.balance()).isEqualByComparingTo("204500");
        assertThat(fee.bookedAt()).isEqualTo(sent.bookedAt());
        assertThat(fee.description()).isEqualTo("Transaction fee: Sent Money to 0752***456 MUGISHA PETER");
        assertThat(sink.entries()).filteredOn(e -> e.sourceRef().endsWith(":fee"))
                .extracting(e -> e.amount().stripTrailingZeros().toPlainString()).containsExactly("-500", "-1500");
    }

    @Test
    void skipsTheFailedRowAndRefusesTheImpossibleDateOnItsLineWhileTheOthersLand() {
        RecordingSink sink = read(RecordingSink.resource(SAMPLE, StandardCharsets.UTF_8));

        assertThat(sink.skipped).containsExactly(15);
        assertThat(sink.rejects).extracting(Reject::position).containsExactly(16);
        assertThat(sink.rejects.get(0).reason()).contains("Transaction Date", "31-04-24");
        assertThat(sink.rejects.get(0).rawText()).startsWith("51000000006,");
        assertThat(sink.sourceRefs()).doesNotContain("51000000005", "51000000006");
    }

    @Test
    void readsTheLayoutWithoutCreditDebitAsSignedAmounts() {
        RecordingSink sink = read(HEADER
                + "72000000001,2025-05-01 08:17:00,Merchant Payment to CAFE JAVAS,Success,\"-12,000\",0,\"88,000\"\n"
                + "72000000002,2025-05-01 09:00:00,Money received,Success,\"40,000\",0,\"128,000\"\n");

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.entries()).extracting(e -> e.amount().toPlainString()).containsExactly("-12000", "40000");
    }

    @Test
    void signsUnsignedAmountsByTheTypeWhenTheExportHasATransactionTypeColumn() {
        RecordingSink sink = read("Transaction ID,Transaction Date,Transaction Type,Sender/Receiver,Amount,Balance,"
                + "Status\n"
                + "MP240512.1430.A12345,12/05/2024 14:30,Sent Money,0733123456 ALICE WANJIRU,500,1250,Successful\n"
                + "MP240513.0900.B55555,13/05/2024 09:00,Received Money,0733999888 BRIAN OTIENO,1000,2250,Successful\n"
                + "MP240513.1000.C77777,13/05/2024 10:00,Loyalty Adjustment,AIRTEL,10,2260,Successful\n");

        assertThat(sink.entries()).extracting(StatementEntry::sourceRef, e -> e.amount().toPlainString(),
                        StatementEntry::counterparty)
                .containsExactly(tuple("MP240512.1430.A12345", "-500", "ALICE WANJIRU"),
                        tuple("MP240513.0900.B55555", "1000", "BRIAN OTIENO"));
        assertThat(sink.entries().get(0).description()).isEqualTo("Sent Money - ALICE WANJIRU");
        assertThat(sink.rejects).extracting(Reject::position).containsExactly(4);
        assertThat(sink.rejects.get(0).reason()).contains("Loyalty Adjustment", "brought money in or took it out");
    }

    @Test
    void readsASemicolonExportWithAByteOrderMarkDecimalCommasAndItsOwnCapitalisation() {
        RecordingSink sink = read("\uFEFFTRANSACTION ID;transaction date;DESCRIPTION;Status;Amount;Credit / Debit;"
                + "Fee;Currency\n"
                + "61000000001;01-May-25 08:17 AM;Paiement marchand;SUCCESS;\"1.250,50\";DR;\"12,50\";zmw\n");

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.entries()).extracting(StatementEntry::sourceRef, e -> e.amount().toPlainString(),
                        StatementEntry::currency, StatementEntry::bookedAt)
                .containsExactly(
                        tuple("61000000001", "-1250.50", "ZMW", LocalDateTime.of(2025, 5, 1, 8, 17)),
                        tuple("61000000001:fee", "-12.50", "ZMW", LocalDateTime.of(2025, 5, 1, 8, 17)));
    }

    @Test
    void readsSeparateCreditAndDebitColumnsAndTheCurrencyWrittenNextToTheAmount() {
        RecordingSink sink = read("Transaction ID,Date,Details,Status,Credit,Debit,Balance\n"
                + "81000000001,2024-06-01 10:00,Bundle purchase,Success,,KES 99.00,KES 901.00\n"
                + "81000000002,2024-06-02 11:00,Deposit,Success,KES 500.00,,\"KES 1,401.00\"\n"
                + "81000000003,2024-06-03 12:00,Nothing,Success,,,\n");

        assertThat(sink.entries()).extracting(e -> e.amount().toPlainString(), StatementEntry::currency)
                .containsExactly(tuple("-99.00", "KES"), tuple("500.00", "KES"));
        assertThat(sink.rejects).extracting(Reject::position, Reject::reason)
                .containsExactly(tuple(4, "Neither Credit nor Debit has an amount"));
    }

    @Test
    void refusesAnIdASpreadsheetShortenedAndAnAmountWithMoreThanFourDecimals() {
        RecordingSink sink = read(HEADER
                + "5.1E+10,2025-05-01 08:17:00,Sent,Success,-100,0,900\n"
                + "51000000009,2025-05-01 08:17:00,Sent,Success,-100.12345,0,900\n"
                + "51000000010,2025-05-01 08:18:00,Sent,Success,-100.00000,0,800\n");

        assertThat(sink.rejects).extracting(Reject::position).containsExactly(2, 3);
        assertThat(sink.rejects.get(0).reason()).contains("shortened by a spreadsheet");
        assertThat(sink.rejects.get(1).reason()).contains("4 decimal places");
        assertThat(sink.sourceRefs()).containsExactly("51000000010");
    }

    @Test
    void refusesARunawayAmountOnItsRowWithoutExhaustingTheStack() {
        RecordingSink sink = read(HEADER + "51000000012,2025-05-01 08:17:00,Sent,Success,-" + "1 ".repeat(20_000)
                + ",0,900\n51000000013,2025-05-01 08:18:00,Sent,Success,-100,0,800\n");

        assertThat(sink.rejects).extracting(Reject::position).containsExactly(2);
        assertThat(sink.rejects.get(0).reason()).endsWith("is too large");
        assertThat(sink.sourceRefs()).containsExactly("51000000013");
    }

    @Test
    void numbersATransactionIdTheFileRepeats() {
        RecordingSink sink = read(HEADER
                + "51000000011,2025-05-01 08:17:00,Sent Money,Success,-100,0,900\n"
                + "51000000011,2025-05-01 09:17:00,Reversal of Sent Money,Success,100,0,1000\n");

        assertThat(sink.sourceRefs()).containsExactly("51000000011", "51000000011:2");
    }

    @Test
    void chargesATaxColumnWithTheFee() {
        RecordingSink sink = read("Transaction ID,Transaction Date,Transaction Type,Status,Amount,Fee,Tax,Balance\n"
                + "51000000021,2025-05-01 08:17:00,Cash Out,Success,-10000,300,50,89650\n");

        assertThat(sink.entries()).extracting(StatementEntry::sourceRef, e -> e.amount().toPlainString())
                .containsExactly(tuple("51000000021", "-10000"), tuple("51000000021:fee", "-350"));
    }

    @Test
    void refusesAFileWithoutItsHeaderAsAWhole() {
        assertThatThrownBy(() -> read("Date,Amount\n2024-01-01,5\n"))
                .isInstanceOf(UnreadableStatementException.class).hasMessageContaining("Transaction ID");
    }

    @Test
    void recognisesTheSampleByItsHeaderAfterThePreambleButNotOtherStatements() {
        assertThat(AirtelMoneyStatement.looksLikeAirtelMoney(text(SAMPLE))).isTrue();
        assertThat(AirtelMoneyStatement.looksLikeAirtelMoney(HEADER)).isTrue();
        assertThat(AirtelMoneyStatement.looksLikeAirtelMoney(text("wallets/mtn_momo_ug_history.csv"))).isFalse();
        assertThat(AirtelMoneyStatement.looksLikeAirtelMoney(text("wallets/mpesa_business_portal.csv"))).isFalse();
        assertThat(AirtelMoneyStatement.looksLikeAirtelMoney("Date;Amount\n2024-01-01;5\n")).isFalse();
    }
}
