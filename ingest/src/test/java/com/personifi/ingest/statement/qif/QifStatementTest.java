package com.personifi.ingest.statement.qif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import com.personifi.ingest.statement.RecordingSink;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.qif.QifStatement.DateOrder;
import org.junit.jupiter.api.Test;

/** Expected values are read off the fixture files by eye, not taken from the parser's output. */
class QifStatementTest {

    private static final String DD_MM_YY = "jemmyw-qif_3_records_ddmmyy.qif";
    private static final String MM_DD_YYYY = "jemmyw-qif_3_records_mmddyyyy.qif";
    private static final String SEPARATORS = "jemmyw-qif_3_records_separator.qif";
    private static final String SPLITS_AND_BAD = "personifi_splits_and_bad_records.qif";

    private static RecordingSink read(String fixture, DateOrder order) {
        RecordingSink sink = new RecordingSink();
        QifStatement.read(RecordingSink.resource("qif/" + fixture, StandardCharsets.UTF_8), order, sink);
        return sink;
    }

    private static RecordingSink read(String fixture) {
        return read(fixture, DateOrder.DETECT);
    }

    private static RecordingSink readText(String qif) {
        RecordingSink sink = new RecordingSink();
        QifStatement.read(new StringReader(qif), sink);
        return sink;
    }

    /** The source ref recipe, spelled out: changing it would give every re-imported QIF file new refs. */
    private static String ref(String date, String amount, String payee, String memo, String number) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (date + "|" + amount + "|" + payee + "|" + memo + "|" + number).getBytes(StandardCharsets.UTF_8));
            return "qif-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<LocalDate> dates(RecordingSink sink) {
        return sink.only().entries().stream().map(StatementEntry::bookingDate).toList();
    }

    @Test
    void shouldReadEveryRecordOfADayFirstFileWithTwoDigitYears() {
        RecordingSink sink = read(DD_MM_YY);

        assertThat(sink.rejects).isEmpty();
        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header()).isEqualTo(new StatementHeader(1, null, null, null, null, null, null));
        assertThat(statement.entries()).hasSize(3);
        assertThat(statement.sum()).isEqualTo(new BigDecimal("0.00"));
        assertThat(statement.first()).isEqualTo(new StatementEntry(2,
                ref("2010-01-01", "-10", "Description", "Reference", ""), LocalDate.of(2010, 1, 1), null,
                new BigDecimal("-10.00"), null, "Description / Reference", "Description", null));
        assertThat(statement.last()).isEqualTo(new StatementEntry(14,
                ref("2010-12-29", "30", "Description", "Reference", ""), LocalDate.of(2010, 12, 29), null,
                new BigDecimal("30.00"), null, "Description / Reference", "Description", null));
    }

    @Test
    void shouldGiveTheSameDatesAndRefsForTheDayFirstAndMonthFirstFilesWhenDetecting() {
        RecordingSink dayFirst = read(DD_MM_YY);
        RecordingSink monthFirst = read(MM_DD_YYYY);

        List<LocalDate> expected = List.of(LocalDate.of(2010, 1, 1), LocalDate.of(2010, 6, 1),
                LocalDate.of(2010, 12, 29));
        assertThat(dates(dayFirst)).isEqualTo(expected);
        assertThat(dates(monthFirst)).isEqualTo(expected);
        assertThat(monthFirst.rejects).isEmpty();
        assertThat(monthFirst.only().sum()).isEqualTo(new BigDecimal("0.00"));
        assertThat(monthFirst.only().last().position()).isEqualTo(14);
        assertThat(monthFirst.sourceRefs()).isEqualTo(dayFirst.sourceRefs());
    }

    @Test
    void shouldReadDatesInTheOrderItIsToldAndRejectThoseThatCannotBeReadSo() {
        RecordingSink monthFirst = read(DD_MM_YY, DateOrder.MONTH_FIRST);

        assertThat(dates(monthFirst)).containsExactly(LocalDate.of(2010, 1, 1), LocalDate.of(2010, 1, 6));
        assertThat(monthFirst.rejects).singleElement().satisfies(reject -> {
            assertThat(reject.position()).isEqualTo(14);
            assertThat(reject.rawText()).isEqualTo("D29/12/10\nT30.00\nLCredit\nPDescription\nMReference");
            assertThat(reject.reason()).isEqualTo("Date '29/12/10' is not a real date when read month first");
        });

        RecordingSink dayFirst = read(MM_DD_YYYY, DateOrder.DAY_FIRST);
        assertThat(dates(dayFirst)).containsExactly(LocalDate.of(2010, 1, 1), LocalDate.of(2010, 1, 6));
        assertThat(dayFirst.rejects).extracting(RecordingSink.Reject::position).containsExactly(14);
    }

    @Test
    void shouldTakeThousandsSeparatorsOutOfAmounts() {
        RecordingSink sink = read(SEPARATORS);

        assertThat(sink.rejects).isEmpty();
        RecordingSink.Statement statement = sink.only();
        assertThat(statement.entries()).extracting(StatementEntry::amount).containsExactly(
                new BigDecimal("-1010.00"), new BigDecimal("-30020.00"), new BigDecimal("30.00"));
        assertThat(statement.sum()).isEqualTo(new BigDecimal("-31000.00"));
        assertThat(statement.first()).isEqualTo(new StatementEntry(2,
                ref("2010-01-01", "-1010", "Description", "Reference", ""), LocalDate.of(2010, 1, 1), null,
                new BigDecimal("-1010.00"), null, "Description / Reference", "Description", null));
        assertThat(statement.last()).isEqualTo(new StatementEntry(14,
                ref("2010-12-29", "30", "Description", "Reference", ""), LocalDate.of(2010, 12, 29), null,
                new BigDecimal("30.00"), null, "Description / Reference", "Description", null));
        assertThat(dates(sink)).containsExactly(LocalDate.of(2010, 1, 1), LocalDate.of(2010, 6, 1),
                LocalDate.of(2010, 12, 29));
    }

    @Test
    void shouldReadASplitTransactionAsOneEntryOfItsTotal() {
        RecordingSink.Statement statement = read(SPLITS_AND_BAD).only();

        assertThat(statement.header()).isEqualTo(new StatementHeader(5, "Equity Current 0042", null, null, null,
                null, null));
        assertThat(statement.first()).isEqualTo(new StatementEntry(6,
                ref("2024-03-15", "-2500", "Naivas Supermarket", "Weekly shopping", "1042"), LocalDate.of(2024, 3, 15),
                null, new BigDecimal("-2500.00"), null, "Naivas Supermarket / Weekly shopping", "Naivas Supermarket",
                null));
        assertThat(statement.entries()).extracting(StatementEntry::amount)
                .doesNotContain(new BigDecimal("-2000.00"), new BigDecimal("-500.00"));
    }

    @Test
    void shouldRejectABadRecordWithItsLineAndStillReadTheOthers() {
        RecordingSink sink = read(SPLITS_AND_BAD);

        assertThat(sink.rejects).containsExactly(
                new RecordingSink.Reject(19, "D16/03/2024\nT1.5O\nPBad Amount Ltd", "Amount '1.5O' is not an amount"),
                new RecordingSink.Reject(23, "D31/02/2024\nT-100.00\nPImpossible Date",
                        "Date '31/02/2024' is not a real date when read day first"));
        RecordingSink.Statement statement = sink.only();
        assertThat(statement.entries()).extracting(StatementEntry::position).containsExactly(6, 27, 33, 37);
        assertThat(statement.sum()).isEqualTo(new BigDecimal("9200.00"));
        StatementEntry salary = statement.entries().get(1);
        assertThat(salary.bookingDate()).isEqualTo(LocalDate.of(2024, 3, 17));
        assertThat(salary.amount()).isEqualTo(new BigDecimal("12000.00"));
        assertThat(salary.description()).isEqualTo("Salary March / ACME Kenya Ltd");
    }

    @Test
    void shouldRejectAnAmountLongerThanAnyAmountOnItsOwnWithoutReadingIt() {
        RecordingSink sink = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> readText("!Type:Bank\n"
                + "D01/02/2024\nT-1" + ",999".repeat(300_000) + "\nPRunaway\n^\n"
                + "D02/02/2024\nT-2.00\nPKiosk\n^\n"));

        assertThat(sink.only().entries()).extracting(StatementEntry::counterparty).containsExactly("Kiosk");
        assertThat(sink.rejects).singleElement().extracting(RecordingSink.Reject::reason).asString()
                .startsWith("Amount '-1,999,999").endsWith("is too long to be an amount");
    }

    @Test
    void shouldNumberIdenticalRecordsSoBothAreKept() {
        RecordingSink.Statement statement = read(SPLITS_AND_BAD).only();

        String airtime = ref("2024-03-18", "-150", "Safaricom Airtime", "", "");
        assertThat(statement.last().sourceRef()).isEqualTo(airtime + ":2");
        assertThat(statement.entries().get(2).sourceRef()).isEqualTo(airtime);
        assertThat(statement.last().description()).isEqualTo("Safaricom Airtime");
    }

    @Test
    void shouldGiveTheSameSourceRefsWhenTheSameFileIsReadAgain() {
        for (String fixture : List.of(DD_MM_YY, MM_DD_YYYY, SEPARATORS, SPLITS_AND_BAD)) {
            assertThat(read(fixture).sourceRefs()).as(fixture).isEqualTo(read(fixture).sourceRefs())
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldReadAFileWhoseDatesAreAllAmbiguousAsDayFirst() {
        RecordingSink sink = readText("!Type:CCard\nD01/02/2024\nT-5.00\nPKiosk\n^\nD03/04/24\nT-6.00\n^\n");

        assertThat(dates(sink)).containsExactly(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 4, 3));
    }

    @Test
    void shouldReadDatesInTheLayoutsQuickenWrites() {
        assertThat(QifStatement.date("1/5'04", DateOrder.DAY_FIRST)).isEqualTo(LocalDate.of(2004, 5, 1));
        assertThat(QifStatement.date(" 1/ 5' 4", DateOrder.MONTH_FIRST)).isEqualTo(LocalDate.of(2004, 1, 5));
        assertThat(QifStatement.date("12/31/99", DateOrder.MONTH_FIRST)).isEqualTo(LocalDate.of(1999, 12, 31));
        assertThat(QifStatement.date("31.01.2024", DateOrder.DAY_FIRST)).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(QifStatement.date("31-01-24", DateOrder.DAY_FIRST)).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(QifStatement.date("2024-01-31", DateOrder.MONTH_FIRST)).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThatThrownBy(() -> QifStatement.date("Jan 31 2024", DateOrder.DAY_FIRST))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepAmountsExactAndNeverTurnAMalformedOneIntoZero() {
        assertThat(QifStatement.amount("-30,020.00")).isEqualTo(new BigDecimal("-30020.00"));
        assertThat(QifStatement.amount("1.234.567,89")).isEqualTo(new BigDecimal("1234567.89"));
        assertThat(QifStatement.amount("12,50")).isEqualTo(new BigDecimal("12.50"));
        assertThat(QifStatement.amount("-0.5")).isEqualTo(new BigDecimal("-0.5"));
        assertThatThrownBy(() -> QifStatement.amount("12,5,0")).hasMessage("Amount '12,5,0' is not an amount");
        assertThatThrownBy(() -> QifStatement.amount("")).hasMessage("Record has no amount (T or U line)");
        assertThatThrownBy(() -> QifStatement.amount("0.12345")).hasMessageContaining("more than 4 decimal places");
    }

    @Test
    void shouldRejectInvestmentRecordsAndPassOverCategoryLists() {
        RecordingSink sink = readText("!Type:Cat\nNFood\nD Groceries\nE\n^\n!Type:Invst\nD01/02/2024\nNBuy\n"
                + "T-100.00\n^\n!Type:Bank\nD02/02/2024\nT-1.00\n^\n");

        assertThat(sink.only().entries()).extracting(StatementEntry::amount).containsExactly(new BigDecimal("-1.00"));
        assertThat(sink.rejects).extracting(RecordingSink.Reject::position).containsExactly(7);
    }

    @Test
    void shouldRecogniseQifByItsFirstLine() {
        assertThat(QifStatement.looksLikeQif("!Type:Bank\nD01/01/10\n")).isTrue();
        assertThat(QifStatement.looksLikeQif("\uFEFF!Account\nNCurrent\n^\n!Type:Bank\n")).isTrue();
        assertThat(QifStatement.looksLikeQif("\n!type:CCard\n")).isTrue();
        assertThat(QifStatement.looksLikeQif("OFXHEADER:100\n")).isFalse();
        assertThat(QifStatement.looksLikeQif("Receipt No.,Completion Time\n!Type:Bank")).isFalse();
    }
}
