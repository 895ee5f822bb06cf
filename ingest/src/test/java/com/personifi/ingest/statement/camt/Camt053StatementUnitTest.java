package com.personifi.ingest.statement.camt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import com.personifi.ingest.statement.RecordingSink;
import com.personifi.ingest.statement.RecordingSink.Reject;
import com.personifi.ingest.statement.RecordingSink.Statement;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.UnreadableStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expected values are read off the fixture files by hand (see statements/SOURCES.md), not taken
 * from the parser's output.
 */
class Camt053StatementUnitTest {

    private static final String HASH_REF = "camt-[0-9a-f]{20}";

    private static RecordingSink read(String fixture) {
        RecordingSink sink = new RecordingSink();
        try (InputStream in = Camt053StatementUnitTest.class.getResourceAsStream("/statements/camt053/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            Camt053Statement.read(in, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink;
    }

    private static RecordingSink readText(String xml) {
        RecordingSink sink = new RecordingSink();
        Camt053Statement.read(new StringReader(xml), sink);
        return sink;
    }

    private static String text(String fixture) {
        try (InputStream in = Camt053StatementUnitTest.class.getResourceAsStream("/statements/camt053/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertHeader(StatementHeader header, int position, String account, String currency,
                                     String opening, LocalDate openingDate, String closing, LocalDate closingDate) {
        assertThat(header.position()).isEqualTo(position);
        assertThat(header.accountNumber()).isEqualTo(account);
        assertThat(header.currency()).isEqualTo(currency);
        assertThat(header.openingBalance()).isEqualByComparingTo(opening);
        assertThat(header.openingDate()).isEqualTo(openingDate);
        assertThat(header.closingBalance()).isEqualByComparingTo(closing);
        assertThat(header.closingDate()).isEqualTo(closingDate);
    }

    private static void assertEntry(StatementEntry entry, int position, LocalDate booked, LocalDateTime bookedAt,
                                    String amount, String currency, String sourceRef, String description,
                                    String counterparty) {
        assertThat(entry.position()).isEqualTo(position);
        assertThat(entry.bookingDate()).isEqualTo(booked);
        assertThat(entry.bookedAt()).isEqualTo(bookedAt);
        assertThat(entry.amount()).isEqualByComparingTo(amount);
        assertThat(entry.currency()).isEqualTo(currency);
        assertThat(entry.sourceRef()).matches(sourceRef);
        assertThat(entry.description()).isEqualTo(description);
        assertThat(entry.counterparty()).isEqualTo(counterparty);
    }

    @Test
    void shouldReadEveryStatementOfAMultiStatementFileAndBalanceEachAgainstItsOwnClosingBalance() {
        RecordingSink sink = read("genkgo_camt053.v2.multi.statement.xml");

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.statements).hasSize(2);

        Statement first = sink.statements.get(0);
        assertHeader(first.header(), 1, "NL26VAYB8060476890", "EUR", "18.15", LocalDate.of(2014, 12, 30), "27.00",
                LocalDate.of(2014, 12, 31));
        assertThat(first.entries()).hasSize(1);
        assertThat(first.sum()).isEqualByComparingTo("8.85");
        assertThat(first.header().openingBalance().add(first.sum()))
                .isEqualByComparingTo(first.header().closingBalance());
        // a credit whose file names only the creditor (the account holder): no counterparty
        assertEntry(first.first(), 1, LocalDate.of(2014, 12, 31), null, "8.85", "EUR", "000000001",
                "Transaction Description 1", null);

        Statement second = sink.statements.get(1);
        assertHeader(second.header(), 2, "NL26VAYB8060476890", "EUR", "27.00", LocalDate.of(2014, 12, 30), "20.00",
                LocalDate.of(2014, 12, 31));
        assertThat(second.entries()).hasSize(1);
        assertThat(second.sum()).isEqualByComparingTo("-7.00");
        assertThat(second.header().openingBalance().add(second.sum()))
                .isEqualByComparingTo(second.header().closingBalance());
        assertEntry(second.first(), 2, LocalDate.of(2014, 12, 31), null, "-7.00", "EUR", "000000002",
                "Transaction Description 2", "Company Name 2");
    }

    @Test
    void shouldReportAClosingBalanceThatDoesNotAddUpWithBothFigures() {
        RecordingSink sink = read("genkgo_camt053.v2.minimal.xml");

        assertThat(sink.statements).hasSize(1);
        Statement statement = sink.statements.get(0);
        // OPBD and CLBD count; OPAV and CLAV do not
        assertHeader(statement.header(), 1, "NL26VAYB8060476890", "EUR", "18.15", LocalDate.of(2014, 12, 30),
                "-27.00", LocalDate.of(2014, 12, 31));
        assertThat(statement.entries()).hasSize(1);
        assertThat(statement.sum()).isEqualByComparingTo("8.85");
        // no AcctSvcrRef, NtryRef or EndToEndId: a content hash; the creditor reference describes it
        assertEntry(statement.first(), 1, LocalDate.of(2014, 12, 31), null, "8.85", "EUR", HASH_REF,
                "4654654654654654", "NAME NAME");

        // 18.15 + 8.85 = 27.00 EUR, but the file's CLBD is a 27.00 debit in SEK
        assertThat(sink.rejects).singleElement().satisfies(reject -> {
            assertThat(reject.position()).isEqualTo(1);
            assertThat(reject.reason()).isEqualTo(
                    "Opening balance 18.15 plus entries 8.85 makes 27.00 EUR, but the closing balance is -27.00 SEK");
        });
    }

    @Test
    void shouldReadVersion8WithOtherAccountIdBookingTimeAndPartyNamesUnderPty() {
        RecordingSink sink = read("genkgo_camt053.v8.xml");

        assertThat(sink.statements).hasSize(1);
        Statement statement = sink.statements.get(0);
        // no Acct/Ccy: the currency of the opening balance
        assertHeader(statement.header(), 1, "NL26VAYB8060476890", "EUR", "18.15", LocalDate.of(2014, 12, 30),
                "-27.00", LocalDate.of(2014, 12, 30));
        assertThat(statement.entries()).hasSize(1);
        assertThat(statement.sum()).isEqualByComparingTo("8.85");
        // the TxDtls Amt (0 SEK) is not the entry's amount
        assertEntry(statement.first(), 1, LocalDate.of(2014, 12, 31), LocalDateTime.of(2014, 12, 31, 13, 15),
                "8.85", "EUR", "AAAASESS-FP-CN_98765/01", "4654654654654654", "NAME NAME");

        assertThat(sink.rejects).extracting(Reject::reason).containsExactly(
                "Opening balance 18.15 plus entries 8.85 makes 27.00 EUR, but the closing balance is -27.00 SEK");
    }

    @Test
    void shouldGiveTheSameSourceRefsOnEveryRead() {
        for (String fixture : new String[] {"genkgo_camt053.v2.minimal.xml", "genkgo_camt053.v2.multi.statement.xml",
                "genkgo_camt053.v8.xml"}) {
            assertThat(read(fixture).sourceRefs()).as(fixture).isEqualTo(read(fixture).sourceRefs());
        }
    }

    @Test
    void shouldRejectAnEntryWithoutAParseableAmountAndGoOnWithTheNextEvenWithoutANamespace() {
        String xml = """
                <Document><BkToCstmrStmt><Stmt>
                  <Acct><Id><Othr><Id>0712345678</Id></Othr></Id><Ccy>KES</Ccy></Acct>
                  <Ntry><Amt Ccy="KES">12,50</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-03-01</Dt></BookgDt>
                    <AddtlNtryInf>Airtime</AddtlNtryInf></Ntry>
                  <Ntry><Amt Ccy="KES">150.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-03-01</Dt></BookgDt>
                    <AddtlNtryInf>Airtime</AddtlNtryInf></Ntry>
                  <Ntry><Amt Ccy="KES">150.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-03-01</Dt></BookgDt>
                    <RvslInd>true</RvslInd><AddtlNtryInf>Airtime</AddtlNtryInf>
                    <NtryDtls><TxDtls><RmtInf><Ustrd>voice &amp; data</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
                </Stmt></BkToCstmrStmt></Document>
                """;

        RecordingSink sink = readText(xml);

        assertThat(sink.statements).singleElement()
                .satisfies(s -> assertThat(s.header().currency()).isEqualTo("KES"));
        assertThat(sink.rejects).singleElement().satisfies(reject -> {
            assertThat(reject.position()).isEqualTo(1);
            assertThat(reject.reason()).contains("12,50");
        });
        assertThat(sink.entries()).extracting(StatementEntry::position).containsExactly(2, 3);
        assertThat(sink.entries()).extracting(StatementEntry::amount).containsOnly(new java.math.BigDecimal("-150.00"));
        assertThat(sink.entries()).extracting(StatementEntry::description)
                .containsExactly("Airtime", "Airtime voice & data");
        assertThat(sink.entries()).extracting(StatementEntry::sourceRef).allMatch(ref -> ref.matches(HASH_REF))
                .doesNotHaveDuplicates();
    }

    /** Read as BigDecimal and added to the statement's total, "1E999999999" used to hold the import for minutes. */
    @Test
    void shouldRejectAnAmountWithAnExponentOrThousandsOfDigitsOnItsOwnEntryAtOnce() {
        String xml = "<Document><BkToCstmrStmt><Stmt><Acct><Id><Othr><Id>0712345678</Id></Othr></Id></Acct>"
                + entry("1E999999999", "Exponent") + entry("9".repeat(1_000_000), "Digits") + entry("150.00", "Airtime")
                + "</Stmt></BkToCstmrStmt></Document>";

        RecordingSink sink = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> readText(xml));

        assertThat(sink.rejects).extracting(Reject::position).containsExactly(1, 2);
        assertThat(sink.rejects.get(0).reason()).isEqualTo("Amount '1E999999999' is not an amount");
        assertThat(sink.rejects.get(1).reason()).contains("Amount '9999", "is too long to be an amount");
        assertThat(sink.entries()).extracting(StatementEntry::description).containsExactly("Airtime");
    }

    /** Every element used to join the names of all elements around it, so deep nesting took quadratic time. */
    @Test
    void shouldReadADeeplyNestedDocumentInTimeProportionalToItsLength() {
        String xml = "<Document><BkToCstmrStmt><Stmt><Acct><Id><Othr><Id>0712345678</Id></Othr></Id></Acct>"
                + "<Ntry><Amt Ccy=\"KES\">150.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-03-01</Dt></BookgDt>"
                + "<AddtlNtryInf>Airtime</AddtlNtryInf><NtryDtls>" + "<Any>".repeat(200_000) + "</Any>".repeat(200_000)
                + "</NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>";

        RecordingSink sink = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> readText(xml));

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.entries()).extracting(StatementEntry::description).containsExactly("Airtime");
    }

    private static String entry(String amount, String information) {
        return "<Ntry><Amt Ccy=\"KES\">" + amount + "</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-03-01</Dt>"
                + "</BookgDt><AddtlNtryInf>" + information + "</AddtlNtryInf></Ntry>";
    }

    @Test
    void shouldRefuseADocumentWithAnExternalEntityWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-PIN-4321");
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE Document [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt>"
                + "<Acct><Id><IBAN>NL26VAYB8060476890</IBAN></Id></Acct>"
                + "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt>"
                + "<AddtlNtryInf>&leak;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>";
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> Camt053Statement.read(new StringReader(xml), sink))
                .isInstanceOf(UnreadableStatementException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
        assertThat(sink.statements).isEmpty();
        assertThat(sink.rejects).isEmpty();
    }

    @Test
    void shouldRefuseABrokenDoctypeThatTheJdkReaderFailsOnWithoutItsOwnMessage() throws IOException {
        // found by the fuzzer: on this file the JDK's reader throws MissingResourceException ("InvalidCharInDTD"),
        // not XMLStreamException
        try (InputStream file = Camt053StatementUnitTest.class.getResourceAsStream(
                "/com/personifi/ingest/fuzz/StatementParsersFuzzTestInputs/camt053/broken-doctype.xml")) {
            assertThatThrownBy(() -> Camt053Statement.read(file, new RecordingSink()))
                    .isInstanceOf(UnreadableStatementException.class).hasMessageContaining("not well-formed XML");
        }
    }

    @Test
    void shouldRefuseAnEntityExpansionBomb() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<Document><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&c;</AddtlNtryInf></Ntry></Stmt>"
                + "</BkToCstmrStmt></Document>";

        assertThatThrownBy(() -> readText(xml)).isInstanceOf(UnreadableStatementException.class);
    }

    @Test
    void shouldRefuseAnotherIso20022Message() {
        String xml = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\"><BkToCstmrDbtCdtNtfctn/>"
                + "</Document>";

        assertThatThrownBy(() -> readText(xml)).isInstanceOf(UnreadableStatementException.class)
                .hasMessageContaining("camt.053");
    }

    @Test
    void shouldRecogniseCamt053ByItsNamespaceOrElements() {
        assertThat(Camt053Statement.looksLikeCamt053(text("genkgo_camt053.v8.xml"))).isTrue();
        assertThat(Camt053Statement.looksLikeCamt053(text("genkgo_camt053.v2.minimal.xml"))).isTrue();
        assertThat(Camt053Statement.looksLikeCamt053("<Document><BkToCstmrStmt><Stmt>")).isTrue();
        assertThat(Camt053Statement.looksLikeCamt053(":20:REF\n:25:123\n:60F:C240101EUR1,00")).isFalse();
    }
}
