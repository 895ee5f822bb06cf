package com.personifi.ingest.fuzz;

import static com.personifi.ingest.statement.csv.BankCsvProfile.Column.at;
import static com.personifi.ingest.statement.csv.BankCsvProfile.Column.named;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.personifi.ingest.mpesa.MpesaStatementCsv;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.StatementSink;
import com.personifi.ingest.statement.UnreadableStatementException;
import com.personifi.ingest.statement.camt.Camt053Statement;
import com.personifi.ingest.statement.csv.BankCsvProfile;
import com.personifi.ingest.statement.csv.BankCsvStatement;
import com.personifi.ingest.statement.mt940.Mt940Statement;
import com.personifi.ingest.statement.ofx.OfxStatement;
import com.personifi.ingest.statement.qif.QifStatement;
import com.personifi.ingest.statement.wallet.AirtelMoneyStatement;
import com.personifi.ingest.statement.wallet.MtnMomoStatement;

/**
 * Every statement parser, fed arbitrary bytes: it may refuse the file with {@link UnreadableStatementException} or
 * refuse rows one by one, and nothing else may escape. A plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/com/personifi/ingest/fuzz/StatementParsersFuzzTestInputs/}; {@code .ci/fuzz} at the
 * repository root fuzzes each test in turn for a bounded time.
 */
class StatementParsersFuzzTest {

    /**
     * One profile per way a bank CSV can be laid out (header by signature or by line, each delimiter, decimal comma,
     * no quoting, signed or debit/credit amounts, columns by name or index); the first input byte picks one.
     */
    private static final List<BankCsvProfile> BANK_CSV_PROFILES = List.of(
            BankCsvProfile.builder()
                    .headerSignature("Date", "Value Date", "Narrative", "Reference", "Debit", "Credit", "Balance")
                    .dateFormat("dd-MM-yyyy").thousandsSeparator(",")
                    .date(named("Date")).valueDate(named("Value Date")).description(named("Narrative"))
                    .reference(named("Reference")).debitCredit(named("Debit"), named("Credit"))
                    .balance(named("Balance")).currency("KES").build(),
            BankCsvProfile.builder()
                    .headerRow(1).delimiter(";").encoding("windows-1252").dateFormat("dd.MM.yyyy HH:mm")
                    .decimalSeparator(",").thousandsSeparator(" ")
                    .date(at(0)).description(at(1), at(2)).currencyColumn(at(3)).signedAmount(at(4))
                    .balance(at(5)).build(),
            BankCsvProfile.builder()
                    .headerSignature("Posted", "Details", "Payee", "Amount", "Balance")
                    .delimiter("\t").quote("").dateFormat("dd/MM/yyyy[ HH:mm]").thousandsSeparator(".")
                    .decimalSeparator(",").date(named("Posted")).description(named("Details"))
                    .counterparty(named("Payee")).signedAmount(named("Amount")).negateAmounts(true)
                    .balance(named("Balance")).currency("ZAR").build(),
            BankCsvProfile.builder()
                    .headerRow(2).delimiter("|").quote("'").dateFormat("dd-MMM-yy").thousandsSeparator("'")
                    .date(at(0)).description(at(1)).debitCredit(at(2), at(3)).balance(at(4)).build());

    @FuzzTest(maxDuration = "15s")
    void mpesaCsv(byte[] input) {
        refusesOnlyAsTyped(() -> MpesaStatementCsv.read(reader(input), new IgnoringReader()));
    }

    @FuzzTest(maxDuration = "15s")
    void ofx(byte[] input) {
        refusesOnlyAsTyped(() -> OfxStatement.read(reader(input), new IgnoringSink()));
    }

    @FuzzTest(maxDuration = "15s")
    void qif(byte[] input) {
        refusesOnlyAsTyped(() -> QifStatement.read(reader(input), new IgnoringSink()));
    }

    @FuzzTest(maxDuration = "15s")
    void mt940(byte[] input) {
        refusesOnlyAsTyped(() -> Mt940Statement.read(reader(input), new IgnoringSink()));
    }

    @FuzzTest(maxDuration = "15s")
    void camt053(byte[] input) {
        refusesOnlyAsTyped(() -> Camt053Statement.read(new ByteArrayInputStream(input), new IgnoringSink()));
    }

    /** The first byte picks the profile; the rest is the file. Recognising a file must never fail either. */
    @FuzzTest(maxDuration = "15s")
    void bankCsv(byte[] input) {
        if (input.length == 0) {
            return;
        }
        BankCsvProfile profile = BANK_CSV_PROFILES.get(Byte.toUnsignedInt(input[0]) % BANK_CSV_PROFILES.size());
        byte[] file = Arrays.copyOfRange(input, 1, input.length);
        profile.matches(file);
        refusesOnlyAsTyped(() -> BankCsvStatement.read(new ByteArrayInputStream(file), profile, "0123456789",
                new IgnoringSink()));
    }

    @FuzzTest(maxDuration = "15s")
    void airtelMoney(byte[] input) {
        refusesOnlyAsTyped(() -> AirtelMoneyStatement.read(reader(input), new IgnoringSink()));
    }

    @FuzzTest(maxDuration = "15s")
    void mtnMomo(byte[] input) {
        refusesOnlyAsTyped(() -> MtnMomoStatement.read(reader(input), new IgnoringSink()));
    }

    private static InputStreamReader reader(byte[] input) {
        return new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8);
    }

    private static void refusesOnlyAsTyped(Runnable parse) {
        try {
            parse.run();
        } catch (UnreadableStatementException expected) {
            // the one way a parser may refuse a whole file
        }
    }

    private static final class IgnoringSink implements StatementSink {
        @Override
        public void statement(StatementHeader header) {
        }

        @Override
        public void entry(StatementEntry entry) {
        }

        @Override
        public void reject(int position, String rawText, String reason) {
        }
    }
}
