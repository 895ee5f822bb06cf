package com.personifi.ingest.statement.csv;

import static com.personifi.ingest.statement.csv.BankCsvProfile.Column.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;

import com.personifi.ingest.mpesa.MpesaStatementCsv;
import com.personifi.ingest.statement.RecordingSink;
import com.personifi.ingest.statement.RecordingSink.Reject;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.UnreadableStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values are read off the synthetic exports by eye, not taken from the parser's output. */
class BankCsvStatementTest {

    private static final String ACCOUNT = "0180299999999";

    private static RecordingSink read(String file) {
        return read(file, Layouts.forFile(file));
    }

    private static RecordingSink read(String file, BankCsvProfile profile) {
        RecordingSink sink = new RecordingSink();
        BankCsvStatement.read(Layouts.open(file), profile, ACCOUNT, sink);
        return sink;
    }

    private static RecordingSink readText(String csv, BankCsvProfile profile) {
        RecordingSink sink = new RecordingSink();
        BankCsvStatement.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), profile, ACCOUNT, sink);
        return sink;
    }

    /** The source ref recipe, spelled out: changing it would give every re-imported CSV file new refs. */
    private static String ref(String account, String when, String amount, String description, String balance) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((account + "|" + when + "|" + amount + "|"
                    + description + "|" + balance).getBytes(StandardCharsets.UTF_8));
            return "csv-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Integer> lines(List<Reject> rejects) {
        return rejects.stream().map(Reject::position).toList();
    }

    private static BankCsvProfile simple() {
        return BankCsvProfile.builder()
                .headerSignature("Date", "Description", "Amount", "Balance")
                .dateFormat("yyyy-MM-dd")
                .thousandsSeparator(",")
                .date(named("Date"))
                .description(named("Description"))
                .signedAmount(named("Amount"))
                .balance(named("Balance"))
                .currency("KES")
                .build();
    }

    @Test
    void shouldReadEveryMovementOfAnEquityExportPassingOverItsBalanceLinesAndRejectingItsFooter() {
        RecordingSink sink = read(Layouts.EQUITY);

        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header()).isEqualTo(new StatementHeader(7, ACCOUNT, "KES", null, null, null, null));
        assertThat(statement.entries()).hasSize(10);
        assertThat(statement.sum()).isEqualByComparingTo("42401.90");
        assertThat(statement.first()).isEqualTo(new StatementEntry(9, "QC21ABC123", LocalDate.of(2024, 3, 2), null,
                new BigDecimal("5000.00"), "KES", "MPESA C2B 254712000111 JOHN KAMAU, TOP UP", null,
                new BigDecimal("17500.00")));
        assertThat(statement.last()).isEqualTo(new StatementEntry(19, "INT240331", LocalDate.of(2024, 3, 31), null,
                new BigDecimal("12.40"), "KES", "CREDIT INTEREST", null, new BigDecimal("54401.90")));
        assertThat(lines(sink.rejects)).containsExactly(14, 21, 23);
        assertThat(sink.rejects.get(0).reason()).isEqualTo("Transaction Date '30-02-2024' is not a date like dd-MM-yyyy");
        assertThat(sink.rejects.get(0).rawText()).isEqualTo(
                "30-02-2024,30-02-2024,EAZZY PAY SUPERMARKET,FT24061PP77,500.00,,\"14,424.50\"");
        assertThat(sink.rejects.get(1).reason()).isEqualTo("Transaction Date 'Total' is not a date like dd-MM-yyyy");
        assertThat(sink.rejects.get(2).reason()).isEqualTo(
                "Row has 1 cell, where the header on line 7 has 7 (a total or footer line?)");
    }

    @Test
    void shouldNumberABankReferenceSharedByAPurchaseAndItsChargeAndHashRowsWithoutOne() {
        List<StatementEntry> entries = read(Layouts.EQUITY).entries();

        assertThat(entries.get(1).sourceRef()).isEqualTo("FT24064XK01");
        assertThat(entries.get(2).sourceRef()).isEqualTo("FT24064XK01:2");
        assertThat(entries.get(3).sourceRef())
                .isEqualTo(ref(ACCOUNT, "2024-03-05", "-100", "EQUITEL AIRTIME 0763000222", "15024.5"));
        assertThat(entries.get(4).sourceRef())
                .isEqualTo(ref(ACCOUNT, "2024-03-05", "-100", "EQUITEL AIRTIME 0763000222", "14924.5"));
    }

    @Test
    void shouldReadANewestFirstGtbankExportWhoseHeaderIsFoundByItsLineNumber() {
        RecordingSink sink = read(Layouts.GTBANK);

        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header()).isEqualTo(new StatementHeader(4, ACCOUNT, "NGN", null, null, null, null));
        assertThat(statement.entries()).hasSize(7);
        assertThat(statement.sum()).isEqualByComparingTo("106935.50");
        assertThat(statement.first()).isEqualTo(new StatementEntry(5, "COT240315", LocalDate.of(2024, 3, 15), null,
                new BigDecimal("-1000.00"), "NGN", "COT CHARGES MARCH", null, new BigDecimal("376935.50")));
        assertThat(statement.last()).isEqualTo(new StatementEntry(13, "000013240301091500123456",
                LocalDate.of(2024, 3, 1), null, new BigDecimal("150000.00"), "NGN",
                "NIP TRANSFER FROM ADEBAYO OLUWASEUN/SALARY MARCH", null, new BigDecimal("400000.00")));
        assertThat(statement.entries()).extracting(StatementEntry::position).containsExactly(5, 6, 9, 10, 11, 12, 13);
    }

    @Test
    void shouldRejectARowWithBothDebitAndCreditAndARowSplitByAnUnquotedComma() {
        RecordingSink sink = read(Layouts.GTBANK);

        assertThat(sink.rejects).extracting(Reject::position, Reject::reason).containsExactly(
                tuple(7, "Row has 9 cells, more than the 8 of the header on line 4 "
                        + "(a delimiter inside an unquoted text?)"),
                tuple(8, "Both Debits (500.00) and Credits (500.00) have an amount, "
                        + "so which way the money went is unclear"));
    }

    @Test
    void shouldReportABalanceThatDoesNotFollowOnceOnItsRowAndKeepTheEntry() {
        RecordingSink sink = read(Layouts.FNB);

        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header()).isEqualTo(new StatementHeader(6, ACCOUNT, "ZAR", null, null, null, null));
        assertThat(statement.entries()).hasSize(8);
        assertThat(statement.sum()).isEqualByComparingTo("-2254.90");
        assertThat(statement.entries()).extracting(StatementEntry::position)
                .containsExactly(7, 8, 9, 10, 11, 13, 14, 15);
        assertThat(statement.entries().get(6).balance()).isEqualByComparingTo("18900.00");
        assertThat(sink.rejects).extracting(Reject::position).containsExactly(12, 14);
        assertThat(sink.rejects.get(1).reason()).isEqualTo("Balance 18900.00 does not follow from the row before: "
                + "20982.00 and -2000.00 make 18982.00 (the entry is kept; check the statement)");
    }

    @Test
    void shouldRejectAnAmountWrittenWithOtherSeparatorsNamingItsColumn() {
        RecordingSink sink = read(Layouts.FNB);

        assertThat(sink.rejects.get(0)).isEqualTo(new Reject(12,
                "2024/04/08,\"-1 500,00\",21392.00,Send Money App Dr T Nkosi",
                "Amount '-1 500,00' is not an amount like 1234.56"));
    }

    @Test
    void shouldReadAWindows1252SemicolonExportWithDecimalCommasAndSpacesBetweenThousands() {
        RecordingSink sink = read(Layouts.SGCI);

        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header()).isEqualTo(new StatementHeader(6, ACCOUNT, "XOF", null, null, null, null));
        assertThat(statement.entries()).hasSize(7);
        assertThat(statement.sum()).isEqualByComparingTo("-60871.50");
        assertThat(statement.entries().get(1)).isEqualTo(new StatementEntry(9, "VIR0506A", LocalDate.of(2024, 5, 6),
                null, new BigDecimal("327978.50"), "XOF", "VIREMENT REÇU EUR 500,00 € TAUX 655,957", null,
                new BigDecimal("1477978.50")));
        assertThat(statement.entries().get(3).description()).isEqualTo("VIREMENT ÉMIS; LOYER MAI");
        assertThat(statement.last()).isEqualTo(new StatementEntry(14, "FRA0531:2", LocalDate.of(2024, 5, 31), null,
                new BigDecimal("-900.00"), "XOF", "TVA 18% SUR FRAIS", null, new BigDecimal("1189128.50")));
        assertThat(sink.rejects).containsExactly(new Reject(15, ";;Total des mouvements;;388 850,00;327 978,50;",
                "Date opération is empty"));
    }

    @Test
    void shouldReadParenthesesTrailingMinusCrDrBalancesAndOptionalTimesOfATabSeparatedExport() {
        RecordingSink sink = read(Layouts.STANBIC);

        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header()).isEqualTo(new StatementHeader(3, ACCOUNT, null, null, null, null, null));
        assertThat(statement.entries()).extracting(StatementEntry::position).containsExactly(5, 6, 7, 9, 10);
        assertThat(statement.sum()).isEqualByComparingTo("-2962500.00");
        assertThat(statement.first()).isEqualTo(new StatementEntry(5, "MM240603A1", LocalDate.of(2024, 6, 3),
                LocalDateTime.of(2024, 6, 3, 9, 42), new BigDecimal("-150000.00"), "UGX",
                "MTN MOMO CASHOUT 256772000000", null, new BigDecimal("2850000.00")));
        assertThat(statement.entries().get(2)).extracting(StatementEntry::bookedAt, StatementEntry::amount)
                .containsExactly(null, new BigDecimal("-12500.00"));
        assertThat(statement.entries().get(3).balance()).isEqualByComparingTo("-162500.00");
        assertThat(statement.last()).extracting(StatementEntry::amount, StatementEntry::currency)
                .containsExactly(new BigDecimal("200000.00"), "UGX");
        assertThat(sink.rejects).extracting(Reject::position, Reject::reason).containsExactly(
                tuple(11,
                        "Posting Date '20/06/2024 25:61' is not a date like dd/MM/yyyy[ HH:mm]"));
    }

    @ParameterizedTest
    @MethodSource("com.personifi.ingest.statement.csv.Layouts#files")
    void shouldGiveTheSameSourceRefsWhenTheSameFileIsReadTwice(String file) {
        List<String> first = read(file).sourceRefs();
        List<String> second = read(file).sourceRefs();

        assertThat(first).isNotEmpty().doesNotHaveDuplicates().isEqualTo(second);
    }

    @ParameterizedTest
    @MethodSource("com.personifi.ingest.statement.csv.Layouts#files")
    void shouldRecogniseEachExportByItsOwnProfileOnly(String file) {
        for (String other : Layouts.FILES) {
            assertThat(Layouts.forFile(file).matches(Layouts.head(other)))
                    .as("profile for %s on %s", file, other).isEqualTo(file.equals(other));
        }
        String mpesa = String.join(",", MpesaStatementCsv.HEADER) + "\nSFJ0000001,2024-01-31 13:05:00,Pay Bill,"
                + "Completed,,100.00,900.00\n";
        assertThat(Layouts.forFile(file).matches(mpesa)).isFalse();
    }

    @Test
    void shouldRecogniseAUtf8ExportFromTextAsTheImporterDecodesIt() {
        String head = new String(Layouts.head(Layouts.EQUITY), StandardCharsets.UTF_8);

        assertThat(Layouts.equity().matches(head)).isTrue();
        assertThat(Layouts.fnb().matches(head)).isFalse();
    }

    @Test
    void shouldKeepTwoIdenticalRowsOnOneDayDistinctByTheirOrder() {
        BankCsvProfile noBalance = simple().toBuilder().balance(null).build();
        String csv = "Date,Description,Amount,Balance\n"
                + "2024-05-02,KPLC TOKENS,-500.00,\n"
                + "2024-05-02,KPLC TOKENS,-500.00,\n";

        List<String> refs = readText(csv, noBalance).sourceRefs();

        String base = ref(ACCOUNT, "2024-05-02", "-500", "KPLC TOKENS", "");
        assertThat(refs).containsExactly(base, base + ":2");
    }

    @Test
    void shouldTurnAmountsAndBalancesRoundForACardExportButKeepWhatACrDrMarkSays() {
        BankCsvProfile card = simple().toBuilder().negateAmounts(true).build();
        String csv = "Date,Description,Amount,Balance\n"
                + "2024-05-02,JUMIA ORDER 1182,\"2,499.00\",\"2,499.00\"\n"
                + "2024-05-10,PAYMENT THANK YOU,\"2,000.00 CR\",499.00\n";

        RecordingSink sink = readText(csv, card);

        assertThat(sink.entries()).extracting(StatementEntry::amount, StatementEntry::balance).containsExactly(
                tuple(new BigDecimal("-2499.00"), new BigDecimal("-2499.00")),
                tuple(new BigDecimal("2000.00"), new BigDecimal("-499.00")));
        assertThat(sink.rejects).isEmpty();
    }

    @Test
    void shouldTakeTheValueDateForARowWhoseDateCellIsBlank() {
        BankCsvProfile profile = simple().toBuilder()
                .headerSignature("Date", "Value Date", "Description", "Amount", "Balance")
                .valueDate(named("Value Date")).build();
        String csv = "Date,Value Date,Description,Amount,Balance\n"
                + ",2024-05-03,CHEQUE DEPOSIT 000123,\"10,000.00\",\n";

        assertThat(readText(csv, profile).entries()).extracting(StatementEntry::bookingDate)
                .containsExactly(LocalDate.of(2024, 5, 3));
    }

    @Test
    void shouldPassOverBlankLinesAndAHeaderRepeatedOnEachPage() {
        String csv = "Date,Description,Amount,Balance\r\n"
                + "2024-05-01,OPENING,\"1,000.00\",\"1,000.00\"\r\n"
                + "\r\n"
                + ",,,\r\n"
                + "DATE,Description, Amount ,Balance\r\n"
                + "2024-05-02,\"AIRTIME\nSAFARICOM\",-50.00,950.00\r\n"
                + "2024-05-03,FUEL,-450.00,500.00\r\n";

        RecordingSink sink = readText(csv, simple());

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.entries()).extracting(StatementEntry::position, StatementEntry::description)
                .containsExactly(tuple(2, "OPENING"),
                        tuple(6, "AIRTIME SAFARICOM"),
                        tuple(8, "FUEL"));
    }

    @Test
    void shouldRejectABalanceLineThatDisagreesBecauseAnAmountIsMissing() {
        String csv = "Date,Description,Amount,Balance\n"
                + "2024-05-01,SALARY,\"1,000.00\",\"1,000.00\"\n"
                + "2024-05-02,UNKNOWN,,800.00\n"
                + "2024-05-03,BALANCE C/F,,800.00\n";

        RecordingSink sink = readText(csv, simple());

        assertThat(sink.entries()).hasSize(1);
        assertThat(sink.rejects).containsExactly(new Reject(3, "2024-05-02,UNKNOWN,,800.00",
                "No amount: Amount is empty or zero, and the balance changed: Balance 800.00 does not follow from "
                        + "the row before: 1000.00 and 0 make 1000.00"));
    }

    @Test
    void shouldJoinSeveralDescriptionColumnsAndTheCounterpartyUnlessOneRepeatsAnother() {
        BankCsvProfile profile = simple().toBuilder()
                .headerSignature("Date", "Type", "Details", "Payee", "Amount", "Balance")
                .description(named("Type"), named("Details"))
                .counterparty(named("Payee"))
                .build();
        String csv = "Date,Type,Details,Payee,Amount,Balance\n"
                + "2024-05-02,PESALINK,PESALINK TO MARY ATIENO,MARY ATIENO,-700.00,\n"
                + "2024-05-03,CARD,Java House  Kenyatta Ave,,-850.00,\n";

        List<StatementEntry> entries = readText(csv, profile).entries();

        assertThat(entries).extracting(StatementEntry::description, StatementEntry::counterparty).containsExactly(
                tuple("PESALINK TO MARY ATIENO", "MARY ATIENO"),
                tuple("CARD / Java House Kenyatta Ave", null));
    }

    @Test
    void shouldReadAPipeSeparatedFileWithoutQuotesByColumnIndexWithTwoDigitYears() {
        BankCsvProfile profile = BankCsvProfile.builder()
                .headerRow(2).delimiter("|").quote("").dateFormat("dd-MMM-yy").thousandsSeparator("'")
                .date(BankCsvProfile.Column.at(0)).description(BankCsvProfile.Column.at(1))
                .debitCredit(BankCsvProfile.Column.at(2), BankCsvProfile.Column.at(3)).currency("TZS").build();
        String csv = "Statement | NMB\n"
                + "TXN DATE|DETAILS|DR|CR\n"
                + "05-JAN-24|\"LUKU\" TOKENS|12'000.00|\n"
                + "06-Jan-24|SALARY|| 1'500'000.00 \n";

        RecordingSink sink = readText(csv, profile);

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.entries()).extracting(StatementEntry::bookingDate, StatementEntry::amount,
                StatementEntry::description).containsExactly(
                tuple(LocalDate.of(2024, 1, 5), new BigDecimal("-12000.00"), "\"LUKU\" TOKENS"),
                tuple(LocalDate.of(2024, 1, 6), new BigDecimal("1500000.00"), "SALARY"));
    }

    @Test
    void shouldRequireTheSignatureOnTheHeaderRowWhenBothAreSaved() {
        assertThat(read(Layouts.EQUITY, Layouts.equity().toBuilder().headerRow(7).build()).entries()).hasSize(10);
        assertThatThrownBy(() -> read(Layouts.EQUITY, Layouts.equity().toBuilder().headerRow(6).build()))
                .isInstanceOf(UnreadableStatementException.class)
                .hasMessage("Line 6 is not the header row this profile expects (Transaction Date, Value Date, "
                        + "Narrative, Transaction Reference, Debit, Credit, Running Balance); it reads: "
                        + "Period:,01-03-2024 to 31-03-2024");
        assertThatThrownBy(() -> read(Layouts.EQUITY, Layouts.equity().toBuilder().headerRow(90).build()))
                .isInstanceOf(UnreadableStatementException.class)
                .hasMessage("The file ends before line 90, where this profile expects its header row");
    }

    @Test
    void shouldRefuseAFileWithoutTheSignatureInItsFirstThirtyLines() {
        assertThatThrownBy(() -> read(Layouts.FNB, Layouts.equity()))
                .isInstanceOf(UnreadableStatementException.class)
                .hasMessage("No header row like Transaction Date, Value Date, Narrative, Transaction Reference, "
                        + "Debit, Credit, Running Balance in the first 30 lines: is the file from the bank this "
                        + "profile is for?");
    }

    @Test
    void shouldRefuseAFileWhoseHeaderLacksAColumnTheProfileNames() {
        BankCsvProfile profile = Layouts.gtbank().toBuilder().headerRow(6).build();

        assertThatThrownBy(() -> read(Layouts.FNB, profile))
                .isInstanceOf(UnreadableStatementException.class)
                .hasMessageStartingWith("The header row on line 6 does not fit this profile: it has no column "
                        + "'Trans. Date'; it has no column 'Value. Date'");
    }

    @Test
    void shouldRefuseTheRestOfAFileWhoseQuotingBreaks() {
        String csv = "Date,Description,Amount,Balance\n"
                + "2024-05-01,SALARY,\"1,000.00\",\"1,000.00\"\n"
                + "2024-05-02,\"UNCLOSED,-50.00,950.00\n"
                + "2024-05-03,FUEL,-450.00,500.00\n";

        assertThatThrownBy(() -> readText(csv, simple()))
                .isInstanceOf(UnreadableStatementException.class)
                .hasMessageStartingWith("The CSV's quoting breaks after line 2, so no row after it can be told apart");
    }

    @Test
    void shouldRefuseToReadWithAnInvalidProfileListingEveryProblem() {
        BankCsvProfile broken = simple().toBuilder().dateFormat("dd/QQ").decimalSeparator(",").build();

        assertThatThrownBy(() -> readText("Date,Description,Amount,Balance\n", broken))
                .isInstanceOfSatisfying(InvalidBankCsvProfileException.class, e -> assertThat(e.errors())
                        .extracting(ProfileError::field).containsExactly("dateFormat", "thousandsSeparator"));
    }
}
