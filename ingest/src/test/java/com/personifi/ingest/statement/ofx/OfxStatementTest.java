package com.personifi.ingest.statement.ofx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import com.personifi.ingest.statement.RecordingSink;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import org.junit.jupiter.api.Test;

/** Expected values are read off the fixture files by eye, not taken from the parser's output. */
class OfxStatementTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    private static RecordingSink read(String fixture) {
        RecordingSink sink = new RecordingSink();
        OfxStatement.read(RecordingSink.resource("ofx/" + fixture, CP1252), sink);
        return sink;
    }

    private static RecordingSink readText(String ofx) {
        RecordingSink sink = new RecordingSink();
        OfxStatement.read(new StringReader(ofx), sink);
        return sink;
    }

    @Test
    void shouldReadEveryTransactionOfAnSgmlOfxFileWrittenOnFewLongLinesAndKeepItsLedgerBalance() {
        RecordingSink sink = read("ofxparse_bank_medium.ofx");

        assertThat(sink.rejects).isEmpty();
        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header()).isEqualTo(new StatementHeader(13, "12300 000012345678", "CAD", null, null,
                new BigDecimal("382.34"), LocalDate.of(2009, 5, 23)));
        assertThat(statement.entries()).hasSize(3);
        assertThat(statement.sum()).isEqualTo(new BigDecimal("-345.27"));
        assertThat(statement.first()).isEqualTo(new StatementEntry(15, "0000123456782009040100001",
                LocalDate.of(2009, 4, 1), LocalDateTime.of(2009, 4, 1, 12, 20, 17), new BigDecimal("-6.60"), "CAD",
                "POS MERCHANDISE;MCDONALD'S #112", "MCDONALD'S #112", null));
        assertThat(statement.last()).isEqualTo(new StatementEntry(17, "0000123456782009040300005",
                LocalDate.of(2009, 4, 3), LocalDateTime.of(2009, 4, 3, 12, 20, 17), new BigDecimal("-22.00"), "CAD",
                "POS MERCHANDISE;CONNIE'S HAIR D", "CONNIE'S HAIR D", null));
        assertThat(statement.entries().get(1).counterparty()).isEqualTo("Joe's Bald Hairstyles");
    }

    @Test
    void shouldReadEveryTransactionOfATabIndentedSgmlOfxFileAndMatchItsLedgerBalance() {
        RecordingSink sink = read("ofxparse_checking.ofx");

        assertThat(sink.rejects).isEmpty();
        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header()).isEqualTo(new StatementHeader(36, "1452687~7", "USD", null, null,
                new BigDecimal("100.99"), LocalDate.of(2013, 5, 25)));
        assertThat(statement.entries()).hasSize(3);
        assertThat(statement.sum()).isEqualTo(new BigDecimal("-59.50"));
        assertThat(statement.first()).isEqualTo(new StatementEntry(46, "0000486", LocalDate.of(2011, 3, 31),
                LocalDateTime.of(2011, 3, 31, 12, 0), new BigDecimal("0.01"), "USD",
                "DIVIDEND EARNED FOR PERIOD OF 03/01/2011 THROUGH 03/31/2011 ANNUAL PERCENTAGE YIELD EARNED IS 0.05%",
                "DIVIDEND EARNED FOR PERIOD OF 03", null));
        assertThat(statement.last()).isEqualTo(new StatementEntry(62, "0000488", LocalDate.of(2011, 4, 7),
                LocalDateTime.of(2011, 4, 7, 12, 0), new BigDecimal("-25.00"), "USD",
                "RETURNED CHECK FEE, CHECK # 319 FOR $45.33 ON 04/07/11", "RETURNED CHECK FEE, CHECK # 319", null));
    }

    @Test
    void shouldReadAnXmlOfx2FileWithCdataAndDateOnlyPostings() {
        RecordingSink sink = read("ofxparse_suncorp.ofx");

        assertThat(sink.rejects).isEmpty();
        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header()).isEqualTo(new StatementHeader(25, "123456789", "AUD", null, null,
                new BigDecimal("1234.12"), LocalDate.of(2013, 12, 15)));
        assertThat(statement.entries()).hasSize(1);
        assertThat(statement.sum()).isEqualTo(new BigDecimal("-16.85"));
        assertThat(statement.first()).isEqualTo(new StatementEntry(35, "1", LocalDate.of(2013, 12, 15), null,
                new BigDecimal("-16.85"), "AUD", "EFTPOS WDL HANDYWAY ALDI STORE GEELONG WEST VICAU",
                "EFTPOS WDL HANDYWAY ALDI STORE", null));
    }

    @Test
    void shouldReadAQfxFileWithClosedTagsAllOnOneLine() {
        RecordingSink sink = read("node-ofx_example-xml.qfx");

        assertThat(sink.rejects).isEmpty();
        RecordingSink.Statement statement = sink.only();
        assertThat(statement.header()).isEqualTo(new StatementHeader(8, "XXXXXXXXXX", "USD", null, null,
                new BigDecimal("1025.23"), LocalDate.of(2017, 1, 4)));
        assertThat(statement.entries()).hasSize(1);
        assertThat(statement.sum()).isEqualTo(new BigDecimal("0.84"));
        assertThat(statement.first()).isEqualTo(new StatementEntry(8, "21172131531687", LocalDate.of(2016, 12, 15),
                LocalDateTime.of(2016, 12, 15, 0, 5, 50), new BigDecimal("0.84"), "USD", "Interest Paid",
                "Interest Paid", null));
    }

    @Test
    void shouldGiveEachAccountOfAFileItsOwnHeaderAndKeepItsEntriesUnderIt() {
        RecordingSink sink = read("personifi_bank_and_card.ofx");

        assertThat(sink.statements).hasSize(2);
        RecordingSink.Statement bank = sink.statements.get(0);
        RecordingSink.Statement card = sink.statements.get(1);
        assertThat(bank.header()).isEqualTo(new StatementHeader(14, "0110293847561", "KES", null, null,
                new BigDecimal("60000.00"), LocalDate.of(2024, 3, 20)));
        assertThat(bank.entries()).hasSize(4);
        assertThat(bank.sum()).isEqualTo(new BigDecimal("43099.50"));
        assertThat(card.header()).isEqualTo(new StatementHeader(23, "4111222233334444", "USD", null, null,
                new BigDecimal("-12.99"), LocalDate.of(2024, 3, 20)));
        assertThat(card.entries()).containsExactly(new StatementEntry(25, "CC-9", LocalDate.of(2024, 3, 5), null,
                new BigDecimal("-12.99"), "USD", "Netflix / Monthly plan", "Netflix", null));
    }

    @Test
    void shouldDecodeEntitiesAndReadPostingDatesAsWrittenIgnoringTheirZone() {
        RecordingSink.Statement bank = read("personifi_bank_and_card.ofx").statements.get(0);

        StatementEntry lunch = bank.first();
        assertThat(lunch.counterparty()).isEqualTo("Java House & Co");
        assertThat(lunch.description()).isEqualTo("Java House & Co / Lunch");
        assertThat(lunch.bookingDate()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(lunch.bookedAt()).isNull();
        assertThat(bank.entries().get(1).bookingDate()).isEqualTo(LocalDate.of(2024, 3, 2));
        assertThat(bank.entries().get(1).bookedAt()).isNull();
        StatementEntry salary = bank.last();
        assertThat(salary.bookedAt()).isEqualTo(LocalDateTime.of(2024, 3, 20, 8, 30));
        assertThat(salary.amount()).isEqualTo(new BigDecimal("45000.00"));
        assertThat(salary.description()).isEqualTo("SALARY MARCH");
        assertThat(salary.counterparty()).isNull();
    }

    @Test
    void shouldRejectATransactionWithAMalformedAmountWithItsLineAndReadTheRest() {
        RecordingSink sink = read("personifi_bank_and_card.ofx");

        assertThat(sink.rejects).singleElement().satisfies(reject -> {
            assertThat(reject.position()).isEqualTo(19);
            assertThat(reject.rawText()).startsWith("<STMTTRN><TRNTYPE>CREDIT").contains("<TRNAMT>12O.00")
                    .endsWith("</STMTTRN>");
            assertThat(reject.reason()).contains("TRNAMT '12O.00' is not an amount");
        });
        assertThat(sink.sourceRefs()).doesNotContain("KE-0003").contains("KE-0001", "KE-0004", "CC-9");
    }

    @Test
    void shouldDeriveDistinctStableRefsForTransactionsWithoutFitid() {
        RecordingSink.Statement bank = read("personifi_bank_and_card.ofx").statements.get(0);

        String first = bank.entries().get(1).sourceRef();
        String second = bank.entries().get(2).sourceRef();
        assertThat(first).matches("ofx-[0-9a-f]{20}");
        assertThat(second).isEqualTo(first + ":2");
    }

    @Test
    void shouldGiveTheSameSourceRefsWhenTheSameFileIsReadAgain() {
        for (String fixture : new String[] {"ofxparse_bank_medium.ofx", "ofxparse_checking.ofx",
                "ofxparse_suncorp.ofx", "node-ofx_example-xml.qfx", "personifi_bank_and_card.ofx"}) {
            assertThat(read(fixture).sourceRefs()).as(fixture).isEqualTo(read(fixture).sourceRefs())
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldReadPostingDatesInEveryLayoutTheSpecAllows() {
        assertThat(OfxStatement.postedAt("20070101", "DTPOSTED"))
                .isEqualTo(new OfxStatement.Posted(LocalDate.of(2007, 1, 1), null));
        assertThat(OfxStatement.postedAt("20070315120000", "DTPOSTED")).isEqualTo(
                new OfxStatement.Posted(LocalDate.of(2007, 3, 15), LocalDateTime.of(2007, 3, 15, 12, 0)));
        assertThat(OfxStatement.postedAt("20110910.000[-5:EST]", "DTPOSTED"))
                .isEqualTo(new OfxStatement.Posted(LocalDate.of(2011, 9, 10), null));
        assertThat(OfxStatement.postedAt("20100301120000.000[-8:PST]", "DTPOSTED")).isEqualTo(
                new OfxStatement.Posted(LocalDate.of(2010, 3, 1), LocalDateTime.of(2010, 3, 1, 12, 0)));
        assertThat(OfxStatement.postedAt("20100301235959.5[+3:EAT]", "DTPOSTED").at())
                .isEqualTo(LocalDateTime.of(2010, 3, 1, 23, 59, 59, 500_000_000));
    }

    @Test
    void shouldRejectPostingDatesThatDoNotExist() {
        RecordingSink sink = readText("<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>KES<BANKACCTFROM>"
                + "<ACCTID>12345678</BANKACCTFROM><BANKTRANLIST>"
                + "<STMTTRN><DTPOSTED>20240231<TRNAMT>-1.00<FITID>A</STMTTRN>"
                + "<STMTTRN><DTPOSTED>2024-02-01<TRNAMT>-1.00<FITID>B</STMTTRN>"
                + "<STMTTRN><DTPOSTED>20240201<TRNAMT>-1.00<FITID>C</STMTTRN>"
                + "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>");

        assertThat(sink.rejects).extracting(RecordingSink.Reject::reason).containsExactly(
                "DTPOSTED '20240231' is not a real date and time (line 1)",
                "DTPOSTED '2024-02-01' is not an OFX date like 20240131 or 20240131120000.000[+3:EAT] (line 1)");
        assertThat(sink.sourceRefs()).containsExactly("C");
    }

    @Test
    void shouldKeepAmountsExactAndRejectDigitsThatWouldNeedRounding() {
        assertThat(OfxStatement.amount("-20.00", "TRNAMT")).isEqualTo(new BigDecimal("-20.00"));
        assertThat(OfxStatement.amount("+1234567890123.4567", "TRNAMT"))
                .isEqualTo(new BigDecimal("1234567890123.4567"));
        assertThat(OfxStatement.amount("-20,5", "TRNAMT")).isEqualTo(new BigDecimal("-20.5"));
        assertThat(OfxStatement.amount("0.100000", "TRNAMT")).isEqualTo(new BigDecimal("0.1000"));
        assertThatThrownBy(() -> OfxStatement.amount("0.00001", "TRNAMT"))
                .hasMessageContaining("more than 4 decimal places");
        assertThatThrownBy(() -> OfxStatement.amount("1,234.00", "TRNAMT"))
                .hasMessageContaining("is not an amount");
    }

    @Test
    void shouldMaskAccountNumbersInRejectReasons() {
        RecordingSink sink = readText("<OFX><STMTRS><CURDEF>KES<BANKACCTFROM><ACCTID>0110293847561</BANKACCTFROM>"
                + "<LEDGERBAL><BALAMT>n/a<DTASOF>20240320</LEDGERBAL></STMTRS></OFX>");

        assertThat(sink.only().header().closingBalance()).isNull();
        assertThat(sink.rejects).singleElement().extracting(RecordingSink.Reject::reason).asString()
                .contains("****7561").doesNotContain("0110293847561");
    }

    @Test
    void shouldNotLetAnEmptyValueSwallowTheValuesAfterIt() {
        RecordingSink sink = readText("<OFX><STMTRS><CURDEF>KES<BANKACCTFROM><ACCTID>12345678</BANKACCTFROM>"
                + "<BANKTRANLIST><STMTTRN><DTPOSTED>20240201<TRNAMT>-1.00<MEMO><NAME>Duka<!-- till 4 --><FITID>X</STMTTRN>"
                + "<STMTTRN><DTPOSTED>20240202</DTPOSTED><TRNAMT>-2.00</TRNAMT><MEMO/><NAME>Kiosk</NAME>"
                + "<FITID>Y</FITID></STMTTRN></BANKTRANLIST></STMTRS></OFX>");

        assertThat(sink.only().entries()).extracting(StatementEntry::sourceRef, StatementEntry::counterparty,
                StatementEntry::description).containsExactly(tuple("X", "Duka", "Duka"),
                tuple("Y", "Kiosk", "Kiosk"));
    }

    @Test
    void shouldStillGiveWhatAFileCutShortHolds() {
        RecordingSink sink = readText("OFXHEADER:100\n\n<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>USD"
                + "<CCACCTFROM><ACCTID>4111222233334444</CCACCTFROM><BANKTRANLIST>"
                + "<STMTTRN><DTPOSTED>20240201<TRNAMT>-3.50<FITID>Z<NAME>Cafe");

        assertThat(sink.only().header().accountNumber()).isEqualTo("4111222233334444");
        assertThat(sink.only().entries()).extracting(StatementEntry::sourceRef, StatementEntry::amount)
                .containsExactly(tuple("Z", new BigDecimal("-3.50")));
    }

    /** Each stray end tag used to search every open tag, and each '&' the rest of its value for a ';'. */
    @Test
    void shouldReadDeepNestingStrayEndTagsAndBareAmpersandsInTimeProportionalToTheFile() {
        RecordingSink sink = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> readText("<OFX><STMTRS>"
                + "<CURDEF>KES<BANKTRANLIST><STMTTRN><DTPOSTED>20240201<TRNAMT>-1.00<FITID>A<NAME>"
                + "&".repeat(1_000_000) + "amp;" + "<X>".repeat(300_000) + "</Y>".repeat(300_000)
                + "</STMTTRN></BANKTRANLIST></STMTRS></OFX>"));

        StatementEntry entry = sink.only().first();
        assertThat(entry.sourceRef()).isEqualTo("A");
        assertThat(entry.counterparty()).hasSize(1_000_000).endsWith("&&&");
    }

    @Test
    void shouldRejectAnAmountLongerThanAnyAmountOnItsOwnWithoutReadingIt() {
        RecordingSink sink = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> readText("<OFX><STMTRS>"
                + "<CURDEF>KES<BANKTRANLIST><STMTTRN><DTPOSTED>20240201<TRNAMT>-" + "9".repeat(1_000_000)
                + "<FITID>A</STMTTRN><STMTTRN><DTPOSTED>20240201<TRNAMT>-2.00<FITID>B</STMTTRN>"
                + "</BANKTRANLIST></STMTRS></OFX>"));

        assertThat(sink.only().entries()).extracting(StatementEntry::sourceRef).containsExactly("B");
        assertThat(sink.rejects).singleElement().extracting(RecordingSink.Reject::reason).asString()
                .contains("TRNAMT '-999", "is too long to be an amount");
    }

    @Test
    void shouldRecogniseOfxAndQfxByTheirFirstBytes() {
        assertThat(OfxStatement.looksLikeOfx("OFXHEADER:100\nDATA:OFXSGML\n")).isTrue();
        assertThat(OfxStatement.looksLikeOfx("<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"200\"?>"))
                .isTrue();
        assertThat(OfxStatement.looksLikeOfx("\n<OFX>\n<SIGNONMSGSRSV1>")).isTrue();
        assertThat(OfxStatement.looksLikeOfx("!Type:Bank\nD01/01/10\n")).isFalse();
        assertThat(OfxStatement.looksLikeOfx("Receipt No.,Completion Time,Details")).isFalse();
    }
}
