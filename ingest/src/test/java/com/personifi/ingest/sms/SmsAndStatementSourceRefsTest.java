package com.personifi.ingest.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.personifi.ingest.mpesa.MpesaStatementCsv;
import com.personifi.ingest.mpesa.StatementLine;
import com.personifi.ingest.mpesa.StatementReader;
import com.personifi.ingest.statement.RecordingSink;
import com.personifi.ingest.statement.wallet.AirtelMoneyStatement;
import com.personifi.ingest.statement.wallet.MtnMomoStatement;
import org.junit.jupiter.api.Test;

/**
 * The same receipt reaches us by SMS and later on the statement; both must name the same movements (the receipt, its
 * {@code receipt:fee} charge, a Fuliza {@code receipt:overdraft}) with the same amounts, or the user sees it twice.
 * The same holds for an Airtel Money TID and an MTN MoMo Financial Transaction Id and their statements' rows.
 */
class SmsAndStatementSourceRefsTest {

    private static final String HEADER =
            "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n";

    @Test
    void aSentMoneySmsAndItsStatementRowsNameTheSameMovementsWithTheSameAmounts() {
        SmsTransaction sms = ConfirmationSms.parse("SAIM8854UT Confirmed. Ksh1,500.00 sent to JOHN KAMAU 0712345678 on"
                + " 7/1/24 at 9:05 AM. New M-PESA balance is Ksh5,786.00. Transaction cost, Ksh23.00.").orElseThrow();
        List<StatementLine> rows = statement(HEADER
                + "SAIM8854UT,2024-01-07 09:05:00,Customer Transfer of Funds Charge,Completed,,-23.00,\"5,786.00\"\n"
                + "SAIM8854UT,2024-01-07 09:05:00,Customer Transfer to - 2547*****678 JOHN KAMAU,Completed,,"
                + "\"-1,500.00\",\"5,809.00\"\n");

        assertThat(movements(sms)).isEqualTo(movements(rows)).containsOnlyKeys("SAIM8854UT", "SAIM8854UT:fee");
        assertThat(rows).allSatisfy(row -> assertThat(row.completedAt()).isEqualTo(sms.occurredAt()));
        assertThat(rows.get(1).parsed().counterparty()).isEqualTo(sms.counterparty());
    }

    @Test
    void aPayBillSmsWithoutChargeAndItsSingleStatementRowAgree() {
        SmsTransaction sms = ConfirmationSms.parse("SAK3LM4NO5 Confirmed. Ksh2,000.00 sent to KPLC PREPAID for account"
                + " 54405080323 on 8/1/24 at 7:45 PM New M-PESA balance is Ksh4,436.00. Transaction cost, Ksh0.00.")
                .orElseThrow();
        List<StatementLine> rows = statement(HEADER + "SAK3LM4NO5,2024-01-08 19:45:00,Pay Bill Online to 888880 - KPLC"
                + " PREPAID Acc. 54405080323,Completed,,\"-2,000.00\",\"4,436.00\"\n");

        assertThat(movements(sms)).isEqualTo(movements(rows)).containsOnlyKeys("SAK3LM4NO5");
        assertThat(sms.balance()).isEqualByComparingTo(rows.get(0).balance());
    }

    @Test
    void aFulizaSmsPairAndTheStatementsTransferChargeAndOverdraftRowsAgree() {
        SmsTransaction transfer = ConfirmationSms.parse("SBF1GH2JK3 Confirmed. Ksh1,000.00 sent to MARY WANJIRU"
                + " 0723456789 on 5/2/24 at 6:10 PM. New M-PESA balance is Ksh0.00. Transaction cost, Ksh13.00.")
                .orElseThrow();
        SmsTransaction draw = ConfirmationSms.parse("SBF1GH2JK3 Confirmed. Fuliza M-PESA amount is Ksh 313.00. Access"
                + " Fee charged Ksh 3.13. Total Fuliza M-PESA outstanding amount is Ksh 316.13 due on 06/03/24.")
                .orElseThrow();
        List<StatementLine> rows = statement(HEADER
                + "SBF1GH2JK3,2024-02-05 18:10:00,Customer Transfer of Funds Charge,Completed,,-13.00,0.00\n"
                + "SBF1GH2JK3,2024-02-05 18:10:00,Customer Transfer Fuliza MPesa to - 2547*****789 MARY WANJIRU,"
                + "Completed,,\"-1,000.00\",13.00\n"
                + "SBF1GH2JK3,2024-02-05 18:10:00,OverDraft of Credit Party,Completed,313.00,,\"1,013.00\"\n");

        Map<String, BigDecimal> fromSms = movements(transfer);
        fromSms.put(draw.sourceRef(), draw.amount().stripTrailingZeros());

        assertThat(fromSms).isEqualTo(movements(rows))
                .containsOnlyKeys("SBF1GH2JK3", "SBF1GH2JK3:fee", "SBF1GH2JK3:overdraft");
    }

    @Test
    void anAirtelMoneySmsAndItsStatementRowNameTheSameMovementsWithTheSameAmounts() {
        SmsTransaction sms = ConfirmationSms.parse("TID: 51234567890. You have sent UGX 20,000 to MUGISHA PETER"
                + " 0752123456 on 12/05/2024 14:30. Fee: UGX 500. Bal: UGX 180,500.").orElseThrow();
        RecordingSink statement = new RecordingSink();
        AirtelMoneyStatement.read(new StringReader("Transaction ID,Transaction Date,Description,Status,"
                + "Transaction Amount,Credit/Debit,Fee,Balance\n"
                + "51234567890,12-05-24 02:30 PM,Sent Money to 0752123456 MUGISHA PETER,Success,\"20,000.00\",Debit,"
                + "500,\"180,500.00\"\n"), statement);

        assertThat(movements(sms)).isEqualTo(entries(statement)).containsOnlyKeys("51234567890", "51234567890:fee");
        assertThat(statement.entries()).allSatisfy(entry -> assertThat(entry.bookedAt()).isEqualTo(sms.occurredAt()));
        assertThat(statement.entries().get(1).parentSourceRef()).isEqualTo(sms.sourceRef());
        assertThat(sms.balance()).isEqualByComparingTo(statement.entries().get(1).balance());
    }

    @Test
    void anMtnMomoSmsAndItsStatementRowNameTheSameMovementsWithTheSameAmounts() {
        SmsTransaction sms = ConfirmationSms.parse("Y'ello. You have sent UGX 30,000 to NAMBI SARAH (256772123456) on"
                + " 2024-05-12 10:15:00. Fee UGX 500. Your new balance: UGX 120,000. Transaction ID: 9876543210.")
                .orElseThrow();
        RecordingSink statement = new RecordingSink();
        MtnMomoStatement.read(new StringReader("Id,External Transaction Id,Date,Status,Type,Provider Category,"
                + "Information,Note,From,From Name,From Handler Name,To,To Name,To Handler Name,Initiated By,"
                + "On Behalf Of,Amount,Currency,Fee,Currency,Discount,Currency,Promotion,Currency,Coupon,Currency,"
                + "Balance,Currency\n"
                + "9876543210,-,2024-05-12 10:15:00,SUCCESSFUL,TRANSFER,,,-,FRI:256770000001/MSISDN,AKELLO RUTH,,"
                + "FRI:256772123456/MSISDN,NAMBI SARAH,,ID:256770000001/MSISDN,,-30000,UGX,500,UGX,0,UGX,0,UGX,0,UGX,"
                + "120000,UGX\n"), statement);

        assertThat(movements(sms)).isEqualTo(entries(statement)).containsOnlyKeys("9876543210", "9876543210:fee");
        assertThat(statement.entries()).allSatisfy(entry -> {
            assertThat(entry.bookedAt()).isEqualTo(sms.occurredAt());
            assertThat(entry.currency()).isEqualTo(sms.currency());
        });
        assertThat(statement.entries().get(0).counterparty()).isEqualTo(sms.counterparty());
        assertThat(statement.entries().get(1).parentSourceRef()).isEqualTo(sms.sourceRef());
    }

    private static Map<String, BigDecimal> entries(RecordingSink statement) {
        assertThat(statement.rejects).isEmpty();
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        statement.entries().forEach(entry -> out.put(entry.sourceRef(), entry.amount().stripTrailingZeros()));
        return out;
    }

    /** sourceRef to amount, as the downstream books them: the movement, then its fee as money out. */
    private static Map<String, BigDecimal> movements(SmsTransaction sms) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        out.put(sms.sourceRef(), sms.amount().stripTrailingZeros());
        if (sms.fee() != null) {
            out.put(sms.feeSourceRef(), sms.fee().negate().stripTrailingZeros());
        }
        return out;
    }

    private static Map<String, BigDecimal> movements(List<StatementLine> rows) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        rows.forEach(row -> out.put(row.sourceRef(), row.amount().stripTrailingZeros()));
        return out;
    }

    private static List<StatementLine> statement(String csv) {
        List<StatementLine> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        MpesaStatementCsv.read(new StringReader(csv), new StatementReader() {
            @Override
            public void accept(StatementLine line) {
                lines.add(line);
            }

            @Override
            public void skip(int line, String reason) {
                problems.add(line + ": " + reason);
            }

            @Override
            public void reject(int line, String rawText, String reason) {
                problems.add(line + ": " + reason);
            }
        });
        assertThat(problems).isEmpty();
        return lines;
    }
}
