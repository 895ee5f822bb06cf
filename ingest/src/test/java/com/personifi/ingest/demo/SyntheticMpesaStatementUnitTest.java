package com.personifi.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import com.personifi.ingest.demo.SyntheticMpesaStatement.Row;
import org.junit.jupiter.api.Test;

class SyntheticMpesaStatementUnitTest {

    private final SyntheticMpesaStatement statement = SyntheticMpesaStatement.generate(42, YearMonth.of(2024, 3), 4, 60);

    @Test
    void runningBalanceAddsUpRowByRow() {
        List<Row> rows = statement.rowsOldestFirst();
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).balance())
                    .as("balance on row %d", i)
                    .isEqualByComparingTo(rows.get(i - 1).balance().add(rows.get(i).amount()));
        }
        assertThat(rows).allSatisfy(r -> assertThat(r.balance().signum()).isNotNegative());
    }

    @Test
    void theNewestRowsAreAStatementOfTheirOwnThatStillAddsUp() {
        List<Row> all = statement.rowsOldestFirst();

        List<Row> newest = statement.newest(25).rowsOldestFirst();

        assertThat(newest).containsExactlyElementsOf(all.subList(all.size() - 25, all.size()));
        for (int i = 1; i < newest.size(); i++) {
            assertThat(newest.get(i).balance()).isEqualByComparingTo(newest.get(i - 1).balance()
                    .add(newest.get(i).amount()));
        }
    }

    @Test
    void speaksTheRealDetailsGrammar() {
        List<String> details = statement.rowsOldestFirst().stream().map(Row::details).toList();

        assertThat(details).anyMatch(d -> d.matches("Customer Transfer to - 2547\\*{5}\\d{3} [A-Z]+ [A-Z]+"));
        assertThat(details).anyMatch(d -> d.startsWith("Funds received from - 2547*****"));
        assertThat(details).anyMatch(d -> d.matches("Merchant Payment to \\d+ - .+"));
        assertThat(details).anyMatch(d -> d.matches("Pay Bill Online to \\d+ - .+ Acc\\. \\d+"));
        assertThat(details).anyMatch(d -> d.startsWith("Customer Withdrawal At Agent Till "));
        assertThat(details).anyMatch(d -> d.equals("Airtime Purchase"));
        assertThat(details).anyMatch(d -> d.endsWith(" Charge"));
        assertThat(details).anyMatch(d -> d.equals("OverDraft of Credit Party"));
    }

    @Test
    void chargesShareTheReceiptOfTheMovementTheyBelongTo() {
        List<Row> rows = statement.rowsOldestFirst();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).details().endsWith(" Charge")) {
                assertThat(rows.get(i).receipt()).isEqualTo(rows.get(i - 1).receipt());
            }
        }
    }

    @Test
    void sameSeedGivesTheSameStatement() {
        assertThat(SyntheticMpesaStatement.generate(42, YearMonth.of(2024, 3), 4, 60).toCsv())
                .isEqualTo(statement.toCsv())
                .isNotEqualTo(SyntheticMpesaStatement.generate(43, YearMonth.of(2024, 3), 4, 60).toCsv());
    }

    @Test
    void monthlyTotalsCoverEveryRowOfTheMonth() {
        YearMonth month = YearMonth.of(2024, 4);
        BigDecimal net = statement.rowsOldestFirst().stream()
                .filter(r -> YearMonth.from(r.completedAt()).equals(month)).map(Row::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(statement.totalPaidIn(month).subtract(statement.totalWithdrawn(month))).isEqualByComparingTo(net);
        assertThat(statement.totalPaidIn(month)).isPositive();
    }

    @Test
    void tariffChargesFollowTheirBands() {
        assertThat(SyntheticMpesaStatement.transferCharge(new BigDecimal("100"))).isEqualByComparingTo("0");
        assertThat(SyntheticMpesaStatement.transferCharge(new BigDecimal("1000"))).isEqualByComparingTo("13");
        assertThat(SyntheticMpesaStatement.withdrawalCharge(new BigDecimal("3000"))).isEqualByComparingTo("52");
    }
}
