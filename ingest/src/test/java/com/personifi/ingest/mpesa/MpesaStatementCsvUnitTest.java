package com.personifi.ingest.mpesa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import com.personifi.ingest.RowError;
import com.personifi.ingest.demo.SyntheticMpesaStatement;
import com.personifi.ingest.statement.RecordingSink;
import com.personifi.ingest.statement.UnreadableStatementException;
import org.junit.jupiter.api.Test;

class MpesaStatementCsvUnitTest {

    private static final String HEADER =
            "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n";

    static final class Collected implements StatementReader {
        final List<StatementLine> lines = new ArrayList<>();
        final List<RowError> rejected = new ArrayList<>();
        final List<Integer> skipped = new ArrayList<>();

        @Override
        public void accept(StatementLine line) {
            lines.add(line);
        }

        @Override
        public void skip(int line, String reason) {
            skipped.add(line);
        }

        @Override
        public void reject(int line, String rawText, String reason) {
            rejected.add(new RowError(line, rawText, reason));
        }
    }

    private static Collected read(String csv) {
        Collected out = new Collected();
        MpesaStatementCsv.read(new StringReader(csv), out);
        return out;
    }

    @Test
    void readsEveryRowOfAGeneratedStatementWithItsExactAmount() {
        SyntheticMpesaStatement statement = SyntheticMpesaStatement.generate(7, YearMonth.of(2024, 1), 3, 40);

        Collected out = read(statement.toCsv());

        assertThat(out.rejected).isEmpty();
        assertThat(out.lines).hasSize(statement.rowsOldestFirst().size());
        BigDecimal expected = statement.rowsOldestFirst().stream().map(SyntheticMpesaStatement.Row::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(out.lines.stream().map(StatementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(expected);
        assertThat(out.lines).extracting(StatementLine::sourceRef).doesNotHaveDuplicates();
    }

    @Test
    void givesAChargeRowTheFeeIdentityOfItsReceiptAndLinksItToTheParent() {
        Collected out = read(HEADER
                + "SBK1234XYZ,2024-02-03 10:15:00,Customer Transfer of Funds Charge,Completed,,-13.00,\"1,487.00\"\n"
                + "SBK1234XYZ,2024-02-03 10:15:00,Customer Transfer to - 2547*****501 JOHN DOE,Completed,,\"-1,000.00\",\"1,500.00\"\n");

        assertThat(out.lines).extracting(StatementLine::sourceRef).containsExactly("SBK1234XYZ:fee", "SBK1234XYZ");
        assertThat(out.lines.get(0).parentSourceRef()).isEqualTo("SBK1234XYZ");
        assertThat(out.lines.get(0).amount()).isEqualByComparingTo("-13.00");
        assertThat(out.lines.get(1).amount()).isEqualByComparingTo("-1000.00");
        assertThat(out.lines.get(1).balance()).isEqualByComparingTo("1500.00");
        assertThat(out.lines.get(1).completedAt()).isEqualTo(LocalDateTime.of(2024, 2, 3, 10, 15));
    }

    @Test
    void reportsABadRowOnItsLineAndKeepsTheGoodOnes() {
        Collected out = read("M-PESA STATEMENT\nCustomer Name: DEMO USER\n" + HEADER
                + "SBK1111111,2024-02-01 08:00:00,Airtime Purchase,Completed,,-50.00,950.00\n"
                + "SBK2222222,yesterday,Airtime Purchase,Completed,,-50.00,900.00\n"
                + "SBK3333333,2024-02-01 09:00:00,Airtime Purchase,Completed,abc,,900.00\n"
                + "SBK4444444,2024-02-01 10:00:00,Airtime Purchase,Failed,,-50.00,900.00\n"
                + "SBK5555555,2024-02-01 11:00:00,\"Merchant Payment to 5995543 - NAIVAS, WESTLANDS\",Completed,,-100.00,800.00\n");

        assertThat(out.lines).extracting(StatementLine::receipt).containsExactly("SBK1111111", "SBK5555555");
        assertThat(out.rejected).extracting(RowError::line).containsExactly(5, 6);
        assertThat(out.rejected.get(0).reason()).contains("Completion Time");
        assertThat(out.rejected.get(1).reason()).contains("Paid In");
        assertThat(out.skipped).containsExactly(7);
        assertThat(out.lines.get(1).parsed().counterparty()).isEqualTo("NAIVAS, WESTLANDS");
    }

    @Test
    void refusesAnAmountTooLargeToStoreOnItsOwnLine() {
        Collected out = read(HEADER
                + "SBK1111111,2024-02-01 08:00:00,Funds received from - 2547*****123 A B,Completed,1234567890123456.00,,1.00\n"
                + "SBK2222222,2024-02-01 09:00:00,Airtime Purchase,Completed,,-5.00,1.00\n");

        assertThat(out.rejected).extracting(RowError::line).containsExactly(2);
        assertThat(out.rejected.get(0).reason()).contains("too large");
        assertThat(out.lines).extracting(StatementLine::receipt).containsExactly("SBK2222222");
    }

    /** Read as BigDecimal, "1E999999999" used to hold the import for minutes while its billion digits were built. */
    @Test
    void refusesAnAmountWithAnExponentOrThousandsOfDigitsOnItsOwnLineAtOnce() {
        String digits = "9".repeat(500_000);
        Collected out = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> read(HEADER
                + "SBK1111111,2024-02-01 08:00:00,Airtime Purchase,Completed,,1E999999999,1.00\n"
                + "SBK2222222,2024-02-01 09:00:00,Airtime Purchase,Completed,," + digits + ",1.00\n"
                + "SBK3333333,2024-02-01 10:00:00,Airtime Purchase,Completed,,-5.00,1.00\n"));

        assertThat(out.rejected).extracting(RowError::line).containsExactly(2, 3);
        assertThat(out.rejected.get(0).reason()).isEqualTo("Withdrawn '1E999999999' is not an amount");
        assertThat(out.rejected.get(1).reason()).contains("Withdrawn '9999", "is too long to be an amount");
        assertThat(out.lines).extracting(StatementLine::receipt).containsExactly("SBK3333333");
    }

    @Test
    void refusesARowWithBothOrNeitherAmount() {
        Collected out = read(HEADER
                + "SBK1111111,2024-02-01 08:00:00,Airtime Purchase,Completed,10.00,-50.00,950.00\n"
                + "SBK2222222,2024-02-01 08:00:00,Airtime Purchase,Completed,,,950.00\n");

        assertThat(out.rejected).extracting(RowError::reason)
                .containsExactly("Both Paid In and Withdrawn are filled", "Neither Paid In nor Withdrawn has an amount");
    }

    @Test
    void readsTheBusinessPortalStatementByColumnNameAfterItsOrganisationPreamble() {
        Collected out = new Collected();
        MpesaStatementCsv.read(RecordingSink.resource("wallets/mpesa_business_portal.csv", StandardCharsets.UTF_8),
                out);

        assertThat(out.lines).extracting(StatementLine::sourceRef)
                .containsExactly("SC41AB0007", "SC41AB0003:fee", "SC41AB0003", "SC41AB0002", "SC41AB0001");
        // opening 10,000.00 and these make the closing 9,170.00 the preamble prints
        assertThat(out.lines.stream().map(StatementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("-830");
        StatementLine first = out.lines.get(0);
        assertThat(first.line()).isEqualTo(8);
        assertThat(first.completedAt()).isEqualTo(LocalDateTime.of(2024, 3, 5, 8, 0));
        assertThat(first.amount()).isEqualByComparingTo("700");
        assertThat(first.balance()).isEqualByComparingTo("9170");
        StatementLine last = out.lines.get(4);
        assertThat(last.line()).isEqualTo(14);
        assertThat(last.amount()).isEqualByComparingTo("2500");
        assertThat(out.skipped).containsExactly(10);
        assertThat(out.rejected).extracting(RowError::line).containsExactly(9);
        assertThat(out.rejected.get(0).reason()).contains("Completion Time");
    }

    @Test
    void takesTheCounterpartysNameFromOtherPartyInfoAndNeverItsNumber() {
        Collected out = new Collected();
        MpesaStatementCsv.read(RecordingSink.resource("wallets/mpesa_business_portal.csv", StandardCharsets.UTF_8),
                out);

        assertThat(out.lines).extracting(line -> line.parsed().counterparty())
                .containsExactly("ALI HASSAN", null, "DEMO TRADERS LIMITED", "PETER OTIENO", "JANE DOE");
    }

    @Test
    void makesAChargeWithAReceiptOfItsOwnTheFeeOfTheReceiptItsLinkedTransactionIdNames() {
        Collected out = new Collected();
        MpesaStatementCsv.read(RecordingSink.resource("wallets/mpesa_business_portal.csv", StandardCharsets.UTF_8),
                out);

        StatementLine charge = out.lines.get(1);
        assertThat(charge.receipt()).isEqualTo("SC41AB0004");
        assertThat(charge.sourceRef()).isEqualTo("SC41AB0003:fee");
        assertThat(charge.parentSourceRef()).isEqualTo("SC41AB0003");
        assertThat(charge.amount()).isEqualByComparingTo("-30");
    }

    @Test
    void readsColumnsInAnotherOrderUnderAHeaderWrittenItsOwnWay() {
        Collected out = read("\uFEFF\"receipt no\",\"TRANSACTION STATUS\",Withdrawn,Paid In,Details,Completion Time\n"
                + "SBK1111111,Completed,-50.00,,Airtime Purchase,2024-02-01 08:00:00\n");

        assertThat(out.rejected).isEmpty();
        assertThat(out.lines).extracting(StatementLine::receipt, line -> line.amount().toPlainString(),
                StatementLine::balance).containsExactly(tuple("SBK1111111", "-50.00", null));
    }

    @Test
    void recognisesThePersonalAndTheBusinessHeaderButNotAWalletStatement() {
        assertThat(MpesaStatementCsv.looksLikeMpesaCsv("M-PESA STATEMENT\n" + HEADER)).isTrue();
        assertThat(MpesaStatementCsv.looksLikeMpesaCsv("Organisation Name,DEMO\nReceipt No.,Completion Time,"
                + "Initiation Time,Details,Transaction Status,Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,"
                + "Other Party Info,Linked Transaction ID,A/C No.\n")).isTrue();
        assertThat(MpesaStatementCsv.looksLikeMpesaCsv("Transaction ID,Transaction Date,Description,Status,"
                + "Transaction Amount,Credit/Debit,Fee,Balance\n")).isFalse();
    }

    @Test
    void failsWhenThereIsNoHeaderAtAll() {
        assertThatThrownBy(() -> read("Date,Amount\n2024-01-01,5\n"))
                .isInstanceOf(UnreadableStatementException.class).hasMessageContaining("Receipt No.");
    }
}
