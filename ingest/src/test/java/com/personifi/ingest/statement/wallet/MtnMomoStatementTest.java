package com.personifi.ingest.statement.wallet;

import static com.personifi.ingest.statement.wallet.AirtelMoneyStatementTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import com.personifi.ingest.statement.RecordingSink;
import com.personifi.ingest.statement.RecordingSink.Reject;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.UnreadableStatementException;
import org.junit.jupiter.api.Test;

/** Expected values are read off the synthetic sample by hand (see statements/SOURCES.md), not from the parser. */
class MtnMomoStatementTest {

    private static final String SAMPLE = "wallets/mtn_momo_ug_history.csv";
    private static final String HEADER = "Id,Date,Status,Type,Note,From,From Name,To,To Name,Amount,Currency,Fee,"
            + "Currency,Balance,Currency\n";
    private static final String WALLET = "FRI:256770000001/MSISDN";

    private static RecordingSink read(Reader reader) {
        RecordingSink sink = new RecordingSink();
        MtnMomoStatement.read(reader, sink);
        return sink;
    }

    private static RecordingSink read(String csv) {
        return read(new StringReader(csv));
    }

    private static RecordingSink sample() {
        return read(RecordingSink.resource(SAMPLE, StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryCompletedRowOfTheSampleWithTheFeesAsMovementsOfTheirOwn() {
        RecordingSink sink = sample();

        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header().position()).isEqualTo(1);
        assertThat(statement.entries()).hasSize(8);
        // the balance before the first row was 120,000 and after the last is 141,000
        assertThat(statement.sum()).isEqualByComparingTo("21000");
        assertThat(sink.sourceRefs()).containsExactly("9800000001", "9800000002", "9800000002:fee", "9800000003",
                "9800000005", "9800000005:fee", "9800000007", "9800000008");
        assertThat(sink.entries()).allSatisfy(e -> assertThat(e.currency()).isEqualTo("UGX"));

        StatementEntry first = statement.first();
        assertThat(first.position()).isEqualTo(2);
        assertThat(first.bookingDate()).isEqualTo(LocalDate.of(2024, 5, 10));
        assertThat(first.bookedAt()).isEqualTo(LocalDateTime.of(2024, 5, 10, 9, 12, 44));
        assertThat(first.amount()).isEqualByComparingTo("50000");
        assertThat(first.counterparty()).isEqualTo("NAMBI SARAH");
        assertThat(first.description()).isEqualTo("TRANSFER from NAMBI SARAH - rent share");
        assertThat(first.balance()).isEqualByComparingTo("170000");

        StatementEntry last = statement.last();
        assertThat(last.position()).isEqualTo(9);
        assertThat(last.amount()).isEqualByComparingTo("-2000");
        assertThat(last.counterparty()).isEqualTo("MTN AIRTIME");
        assertThat(last.description()).isEqualTo("DEBIT to MTN AIRTIME - Airtime for own number");
        assertThat(last.balance()).isEqualByComparingTo("141000");
    }

    @Test
    void booksANonZeroFeeAsANegativeMovementLinkedToItsTransaction() {
        List<StatementEntry> fees = sample().entries().stream().filter(e -> e.sourceRef().endsWith(":fee")).toList();

        assertThat(fees).extracting(StatementEntry::parentSourceRef, e -> e.amount().toPlainString(),
                        e -> e.balance().toPlainString())
                .containsExactly(tuple("9800000002", "-500", "139500"), tuple("9800000005", "-1500", "43000"));
        assertThat(fees.get(1).description()).isEqualTo("Transaction fee: CASH OUT to MUKASA AGENCIES");
    }

    @Test
    void skipsTheFailedRowAndRefusesTheImpossibleDateOnItsLineWhileTheOthersLand() {
        RecordingSink sink = sample();

        assertThat(sink.skipped).containsExactly(5);
        assertThat(sink.rejects).extracting(Reject::position).containsExactly(7);
        assertThat(sink.rejects.get(0).reason()).contains("Date", "15/13/2024");
        assertThat(sink.sourceRefs()).doesNotContain("9800000004", "9800000006");
    }

    @Test
    void neverPutsAWalletNumberInADescriptionOrCounterparty() {
        assertThat(sample().entries()).allSatisfy(e -> {
            assertThat(e.description()).doesNotContain("FRI:").doesNotContainPattern("256[0-9]{9}");
            assertThat(e.counterparty()).satisfiesAnyOf(c -> assertThat(c).isNull(),
                    c -> assertThat(c).doesNotContainPattern("[0-9]"));
        });
    }

    @Test
    void signsUnsignedAmountsByWhetherTheWalletOnEveryRowIsFromOrTo() {
        RecordingSink sink = read(HEADER
                + "1001,2024-05-12 10:15:00,Successful,TRANSFER,-," + WALLET + ",AKELLO RUTH,"
                + "FRI:256772654321/MSISDN,OKELLO JAMES,30000,UGX,500,UGX,89500,UGX\n"
                + "1002,2024-05-13 10:15:00,Successful,TRANSFER,-,FRI:256772123456/MSISDN,NAMBI SARAH," + WALLET
                + ",AKELLO RUTH,10000,UGX,0,UGX,99500,UGX\n"
                + "1003,2024-05-14 10:15:00,Successful,PAYMENT,-," + WALLET + ",AKELLO RUTH,FRI:shop.sp/USER,"
                + "KOFI SHOP,2500,UGX,0,UGX,97000,UGX\n");

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.entries()).extracting(StatementEntry::sourceRef, e -> e.amount().toPlainString(),
                        StatementEntry::counterparty)
                .containsExactly(tuple("1001", "-30000", "OKELLO JAMES"), tuple("1001:fee", "-500", null),
                        tuple("1002", "10000", "NAMBI SARAH"), tuple("1003", "-2500", "KOFI SHOP"));
    }

    @Test
    void signsASingleUnsignedRowByItsTypeAndRefusesOneWhoseTypeSaysNothing() {
        String row = ",2024-05-12 10:15:00,Successful,%s,-,FRI:256703334445/MSISDN,MUKASA AGENCIES," + WALLET
                + ",AKELLO RUTH,50000,UGX,0,UGX,50000,UGX\n";

        assertThat(read(HEADER + "2001" + row.formatted("CASH_IN")).entries())
                .extracting(e -> e.amount().toPlainString()).containsExactly("50000");
        assertThat(read(HEADER + "2002" + row.formatted("CASH_OUT")).entries())
                .extracting(e -> e.amount().toPlainString()).containsExactly("-50000");
        RecordingSink unclear = read(HEADER + "2003" + row.formatted("ADJUSTMENT"));
        assertThat(unclear.entries()).isEmpty();
        assertThat(unclear.rejects).extracting(Reject::position).containsExactly(2);
    }

    /** Ghana's E-levy is charged beside the fee; the stated balance is after both, so the two are one charge. */
    @Test
    void booksTheELevyWithTheFeeAsTheTransfersOneCharge() {
        RecordingSink sink = read("Id,Date,Status,Type,From,To,Amount,Currency,Fee,E-Levy,Balance\n"
                + "5001,2024-05-12 10:15:00,Successful,TRANSFER,FRI:233244000001/MSISDN,FRI:233244000002/MSISDN,"
                + "-200.00,GHS,0.75,1.50,97.75\n"
                + "5002,2024-05-12 11:15:00,Successful,TRANSFER,FRI:233244000001/MSISDN,FRI:233244000003/MSISDN,"
                + "-50.00,GHS,0.00,0.00,47.75\n");

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.entries()).extracting(StatementEntry::sourceRef, e -> e.amount().toPlainString())
                .containsExactly(tuple("5001", "-200.00"), tuple("5001:fee", "-2.25"), tuple("5002", "-50.00"));
    }

    @Test
    void readsTheAgentPortalLayoutWhereEveryRowIsCompleted() {
        RecordingSink sink = read("Date / Time,Transaction ID,Transaction Type,Amount,From Account,To Account,Fee,"
                + "Commission Amount,TAX,Commission Receiving No.,Commission Balance,Float Balance\n"
                + "12/05/2024 09:30:11,4455667788,CASH_IN,\"-5,000\",FRI:256780000002/MSISDN,"
                + "FRI:256781112223/MSISDN,0,50,5,256780000002,1045,\"495,000\"\n"
                + "12/05/2024 10:02:44,4455667799,CASH_OUT,\"20,000\",FRI:256782223334/MSISDN,"
                + "FRI:256780000002/MSISDN,0,100,10,256780000002,1135,\"515,000\"\n");

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.entries()).extracting(StatementEntry::sourceRef, e -> e.amount().toPlainString(),
                        e -> e.balance().toPlainString())
                .containsExactly(tuple("4455667788", "-5000", "495000"), tuple("4455667799", "20000", "515000"));
    }

    @Test
    void takesTheCurrencyOfTheAmountNotOfTheBalance() {
        RecordingSink sink = read("Id,Date,Status,From,To,Balance,Currency,Amount,Currency\n"
                + "3001,2024-05-12 10:15:00,Successful,A,B,100,USD,-5,ghs\n"
                + "3002,2024-05-12 10:16:00,Successful,A,B,95,USD,-5,GH\n");

        assertThat(sink.entries()).extracting(StatementEntry::currency).containsExactly("GHS");
        assertThat(sink.rejects).extracting(Reject::position, Reject::reason)
                .containsExactly(tuple(3, "Currency 'GH' is not a three-letter ISO code"));
    }

    @Test
    void refusesAFileWithoutItsHeaderAsAWhole() {
        assertThatThrownBy(() -> read("Date,Amount\n2024-01-01,5\n"))
                .isInstanceOf(UnreadableStatementException.class).hasMessageContaining("From, To");
    }

    @Test
    void recognisesTheSampleByItsHeaderButNotOtherStatements() {
        assertThat(MtnMomoStatement.looksLikeMtnMomo(text(SAMPLE))).isTrue();
        assertThat(MtnMomoStatement.looksLikeMtnMomo("MoMo statement\n\n" + HEADER)).isTrue();
        assertThat(MtnMomoStatement.looksLikeMtnMomo(text("wallets/airtel_money_ug_statement.csv"))).isFalse();
        assertThat(MtnMomoStatement.looksLikeMtnMomo(text("wallets/mpesa_business_portal.csv"))).isFalse();
    }
}
