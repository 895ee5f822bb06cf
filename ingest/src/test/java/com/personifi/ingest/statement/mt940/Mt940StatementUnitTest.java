package com.personifi.ingest.statement.mt940;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;

import com.personifi.ingest.statement.RecordingSink;
import com.personifi.ingest.statement.RecordingSink.Reject;
import com.personifi.ingest.statement.RecordingSink.Statement;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import org.junit.jupiter.api.Test;

/**
 * Expected values are read off the fixture files by hand (see statements/SOURCES.md), not taken
 * from the parser's output.
 */
class Mt940StatementUnitTest {

    private static final String HASH_REF = "mt940-[0-9a-f]{20}";

    private static RecordingSink read(String fixture) {
        RecordingSink sink = new RecordingSink();
        try (InputStream in = Mt940StatementUnitTest.class.getResourceAsStream("/statements/mt940/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            Mt940Statement.read(new InputStreamReader(in, StandardCharsets.UTF_8), sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink;
    }

    private static String text(String fixture) {
        try (InputStream in = Mt940StatementUnitTest.class.getResourceAsStream("/statements/mt940/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertEntry(StatementEntry entry, int line, LocalDate booked, String amount, String sourceRef,
                                    String description, String counterparty) {
        assertThat(entry.position()).isEqualTo(line);
        assertThat(entry.bookingDate()).isEqualTo(booked);
        assertThat(entry.amount()).isEqualByComparingTo(amount);
        assertThat(entry.sourceRef()).matches(sourceRef);
        assertThat(entry.description()).isEqualTo(description);
        assertThat(entry.counterparty()).isEqualTo(counterparty);
    }

    private static void assertHeader(StatementHeader header, int line, String account, String currency,
                                     String opening, LocalDate openingDate, String closing, LocalDate closingDate) {
        assertThat(header.position()).isEqualTo(line);
        assertThat(header.accountNumber()).isEqualTo(account);
        assertThat(header.currency()).isEqualTo(currency);
        assertThat(header.openingBalance()).isEqualByComparingTo(opening);
        assertThat(header.openingDate()).isEqualTo(openingDate);
        assertThat(header.closingBalance()).isEqualByComparingTo(closing);
        assertThat(header.closingDate()).isEqualTo(closingDate);
    }

    /** The control total every MT940 statement carries: :62F: = :60F: + the movements between them. */
    private static void assertBalances(Statement statement) {
        assertThat(statement.header().openingBalance().add(statement.sum()))
                .isEqualByComparingTo(statement.header().closingBalance());
    }

    @Test
    void shouldReadEveryStatementOfAMultiStatementFileAndBalanceEachAgainstItsOwnClosingBalance() {
        RecordingSink sink = read("cmxl_mt940.sta");

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.statements).hasSize(3);
        assertThat(sink.entries()).hasSize(16);

        Statement dem = sink.statements.get(0);
        assertHeader(dem.header(), 1, "45050050/76198810", "DEM", "84349.74", LocalDate.of(2013, 10, 16),
                "84437.04", LocalDate.of(2013, 10, 17));
        assertThat(dem.entries()).hasSize(11);
        assertThat(dem.sum()).isEqualByComparingTo("87.30");
        assertBalances(dem);
        assertEntry(dem.first(), 5, LocalDate.of(2013, 10, 17), "-6800", "16703074",
                "PN5477SCHECK-NR. 0000016703074", null);
        // ten lines carry the one-letter customer reference "N": numbered in file order
        assertEntry(dem.last(), 25, LocalDate.of(2013, 10, 27), "-5862.14", "N:10", "PN5329AUSLSCHECK", null);
        assertThat(dem.entries().get(1).amount()).isEqualTo(new BigDecimal("-620.3"));

        Statement eur = sink.statements.get(1);
        assertHeader(eur.header(), 31, "10020030/1234567", "EUR", "2187.95", LocalDate.of(2002, 11, 1),
                "4387.95", LocalDate.of(2002, 11, 30));
        assertThat(eur.entries()).hasSize(2);
        assertThat(eur.sum()).isEqualByComparingTo("2200");
        assertBalances(eur);
        // DR800 is a debit with funds code R; the entry date 1102 is the booking date
        assertEntry(eur.first(), 36, LocalDate.of(2002, 11, 2), "-800", "55555", "Miete November", "MUELLER");
        assertEntry(eur.last(), 38, LocalDate.of(2002, 11, 2), "3000", "55555:2",
                "Gehalt OktoberFirmaMustermannGmbH", "MUELLER");

        Statement pln = sink.statements.get(2);
        assertHeader(pln.header(), 49, "BPHKPLPK/320000546101", "PLN", "40000.00", LocalDate.of(2003, 10, 2),
                "50040.00", LocalDate.of(2002, 3, 25));
        assertThat(pln.entries()).hasSize(3);
        assertThat(pln.sum()).isEqualByComparingTo("10040.00");
        assertBalances(pln);
        assertEntry(pln.first(), 53, LocalDate.of(2003, 10, 20), "20000.00", "8327000090031789",
                "0810600076000077777777777715617INFO INFO INFO INFO INFO INFO 1 ENDINFO INFO INFO INFO INFOINFO"
                        + " 2 ENDZAPLATA ZA FABRYKATY DO TUB - 200 S ZTUK, TRANZYSTORY-300 SZT GR544 I OPORNIKI-500"
                        + " SZT GTX847 FAKTURA 333/2003.",
                "HUTA SZKLA TOPIC ULPRZEMYSLOWA 67 32-669 WROCLAW");
        assertEntry(pln.last(), 70, LocalDate.of(2003, 10, 20), "40.00", "8327000090031791",
                "Odsetki od lokaty nr 101000022086", null);
        assertThat(pln.entries().get(1).sourceRef()).isEqualTo("8327000090031790");
        assertThat(pln.entries().get(1).amount()).isEqualTo(new BigDecimal("-10000.00"));
    }

    @Test
    void shouldSkipBankHeaderLinesAndReportEachStatementWhoseClosingBalanceDoesNotAddUp() {
        RecordingSink sink = read("jejik_abnamro.sta");

        assertThat(sink.statements).hasSize(2);
        assertThat(sink.entries()).hasSize(10);

        Statement first = sink.statements.get(0);
        assertHeader(first.header(), 4, "517852257", "EUR", "3236.28", LocalDate.of(2011, 5, 22), "876.84",
                LocalDate.of(2011, 5, 23));
        assertThat(first.entries()).hasSize(8);
        assertThat(first.sum()).isEqualByComparingTo("-321.44");
        assertEntry(first.first(), 8, LocalDate.of(2011, 5, 24), "-9", HASH_REF,
                "GIRO 428428 KPN - DIGITENNE BETALINGSKENM. 000000042188659 5314606715 BETREFT FACTUUR D.D."
                        + " 20-05-2011 INCL. 1,44 BTW", null);
        assertEntry(first.last(), 25, LocalDate.of(2011, 5, 23), "-141.48", HASH_REF,
                "BEA NR:XXX1234 22.05.11/13.45 MYCOM DEN HAAG S-GRAVEN,PAS999", null);
        // "11,8" is 11.8 exactly as written
        assertThat(first.entries().get(3).amount()).isEqualTo(new BigDecimal("-11.8"));

        Statement second = sink.statements.get(1);
        assertHeader(second.header(), 32, "517852257", "EUR", "2876.84", LocalDate.of(2011, 5, 23), "1849.75",
                LocalDate.of(2011, 5, 24));
        assertThat(second.entries()).hasSize(2);
        assertThat(second.sum()).isEqualByComparingTo("-24.49");
        assertEntry(second.first(), 36, LocalDate.of(2011, 5, 24), "-9.49", HASH_REF,
                "BEA NR:XXX1234 24.05.11/09.18 PETS PLACE KATWIJK KATWI,PAS999", null);
        assertEntry(second.last(), 38, LocalDate.of(2011, 5, 24), "-15", HASH_REF, "52.89.39.882 MYCOM DEN HAAG",
                null);

        // the file's own totals do not add up: 3236.28 - 321.44 = 2914.84, not 876.84; 2876.84 - 24.49 = 2852.35
        assertThat(sink.rejects).extracting(Reject::position, Reject::reason).containsExactly(
                tuple(27, "Opening balance 3236.28 plus entries -321.44 makes 2914.84"
                        + " EUR, but the closing balance is 876.84 EUR"),
                tuple(40, "Opening balance 2876.84 plus entries -24.49 makes 2852.35"
                        + " EUR, but the closing balance is 1849.75 EUR"));
        assertThat(sink.rejects.get(0).rawText()).isEqualTo(":62F:C110523EUR876,84");
    }

    @Test
    void shouldCleanTabsAndSoftHyphensAndIgnoreTheStatementLevelInformationAfterTheClosingBalance() {
        RecordingSink sink = read("jejik_ing.sta");

        assertThat(sink.statements).hasSize(1);
        Statement statement = sink.statements.get(0);
        assertHeader(statement.header(), 4, "0001234567", "EUR", "0.00", LocalDate.of(2010, 7, 22), "3.47",
                LocalDate.of(2010, 7, 23));
        assertThat(statement.entries()).hasSize(7);
        assertThat(statement.sum()).isEqualByComparingTo("-45.59");
        assertEntry(statement.first(), 8, LocalDate.of(2010, 7, 22), "-25.03", HASH_REF,
                "RC AFREKENING BETALINGSVERKEER BETREFT REKENING 4715589 PERIODE: 01-10-2010 / 31-12-2010"
                        + " ING Bank N.V. tarifering ING", null);
        assertEntry(statement.last(), 22, LocalDate.of(2010, 7, 23), "1.00", HASH_REF,
                "0111111111 Hr S Marechal ROSMALEN Hr S Marechal ROSMALEN Betaling transactiedatum: 22-07-2010",
                null);
        assertThat(statement.entries().get(1).description())
                .isEqualTo("0111111111 GPSEOUL SPOEDBETALING MPBZS1016000047 GPSEOUL");
        assertEntry(statement.entries().get(2), 14, LocalDate.of(2010, 7, 22), "-1.11", "TMG TANGO",
                "0111111111 ING iDEAL KN: TMG TANGO TRANSACTIENR 0050000534527978 10-06-2010 15:32 TMG TANGO"
                        + " ING Bank inzake GPKyoto", null);
        assertThat(statement.entries().get(3).description())
                .isEqualTo("ABN AMRO BANK>AMSTERDAM 22-07-2010 09:57 002 5595781");

        // 0.00 - 45.59 = -45.59, while the file says 3.47
        assertThat(sink.rejects).singleElement().satisfies(reject -> {
            assertThat(reject.position()).isEqualTo(26);
            assertThat(reject.reason()).isEqualTo(
                    "Opening balance 0.00 plus entries -45.59 makes -45.59 EUR, but the closing balance is 3.47 EUR");
        });
    }

    @Test
    void shouldRejectAMalformedStatementLineWithItsLineNumberAndGoOnWithTheRest() {
        RecordingSink sink = read("personifi_malformed_line.sta");

        assertThat(sink.statements).hasSize(1);
        Statement statement = sink.statements.get(0);
        assertThat(statement.header().accountNumber()).isEqualTo("KE00123456789012");
        assertThat(statement.entries()).extracting(StatementEntry::position).containsExactly(5, 9, 11, 13);
        assertThat(statement.sum()).isEqualByComparingTo("209.50");
        assertEntry(statement.first(), 5, LocalDate.of(2024, 2, 1), "-250.50", "BK0001", "Airtime top-up",
                "SAFARICOM PLC");
        assertEntry(statement.last(), 13, LocalDate.of(2024, 2, 3), "500.00", HASH_REF, "Salary advance", null);

        assertThat(sink.rejects).hasSize(2);
        Reject malformed = sink.rejects.get(0);
        assertThat(malformed.position()).isEqualTo(7);
        assertThat(malformed.rawText()).isEqualTo(":61:24021X0202C75,NTRFNONREF");
        assertThat(malformed.reason()).contains(":61:");
        // the closing balance counts the rejected line, so the check points at the gap
        assertThat(sink.rejects.get(1)).satisfies(reject -> {
            assertThat(reject.position()).isEqualTo(15);
            assertThat(reject.reason()).isEqualTo("Opening balance 1000.00 plus entries 209.50 makes 1209.50 KES,"
                    + " but the closing balance is 1284.50 KES");
        });
        assertThat(sink.rejects).allSatisfy(r -> assertThat(r.reason()).doesNotContain("123456789012"));
    }

    @Test
    void shouldGiveIdenticalLinesDistinctSourceRefsThatAreTheSameOnEveryRead() {
        RecordingSink first = read("personifi_malformed_line.sta");
        RecordingSink again = read("personifi_malformed_line.sta");

        StatementEntry airtime = first.entries().get(1);
        StatementEntry sameAirtime = first.entries().get(2);
        assertThat(airtime.sourceRef()).matches(HASH_REF);
        assertThat(sameAirtime.sourceRef()).isEqualTo(airtime.sourceRef() + ":2");
        assertThat(again.sourceRefs()).isEqualTo(first.sourceRefs());
        assertThat(read("jejik_abnamro.sta").sourceRefs()).isEqualTo(read("jejik_abnamro.sta").sourceRefs())
                .doesNotHaveDuplicates();
        assertThat(read("cmxl_mt940.sta").sourceRefs()).doesNotHaveDuplicates();
    }

    @Test
    void shouldReadAFinEnvelopeAndReversalsWithTheSignOfTheMoneyMovement() {
        String fin = """
                {1:F01BANKKENAXXXX0000000000}{2:O9401200240131BANKKENAXXXX00000000002401311200N}{4:
                :20:FIN1
                :25:0123456789
                :28C:1/1
                :60F:C231231KES100,00
                :61:2312310102RC10,00NTRFREF1
                :61:2312310102RD4,00NTRFREF2
                :62F:C240102KES94,00
                -}{5:{CHK:0123456789AB}}
                """;
        RecordingSink sink = new RecordingSink();

        Mt940Statement.read(new StringReader(fin), sink);

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.entries()).extracting(StatementEntry::amount)
                .containsExactly(new BigDecimal("-10.00"), new BigDecimal("4.00"));
        // booked on 2 January for a 31 December value date: the booking is in the next year
        assertThat(sink.entries()).extracting(StatementEntry::bookingDate).containsOnly(LocalDate.of(2024, 1, 2));
    }

    @Test
    void shouldRejectAnAmountLongerThanAnyAmountOnItsOwnLineWithoutReadingIt() {
        String zeros = "0".repeat(1_000_000);
        RecordingSink sink = new RecordingSink();

        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> Mt940Statement.read(new StringReader(
                ":20:LONG\n:25:0123456789\n:60F:C240101KES100," + zeros + "\n:61:240102D1," + zeros + "NTRFREF1\n"
                        + ":61:240102D4,00NTRFREF2\n:62F:C240102KES96,00\n-\n"), sink));

        assertThat(sink.entries()).extracting(StatementEntry::sourceRef).containsExactly("REF2");
        assertThat(sink.rejects).extracting(Reject::position).containsExactly(3, 4);
        assertThat(sink.rejects).extracting(Reject::reason).allSatisfy(reason ->
                assertThat(reason).contains("is too long to be an amount"));
    }

    @Test
    void shouldRecogniseMt940ByItsTagsAndNothingElse() {
        assertThat(Mt940Statement.looksLikeMt940(text("jejik_abnamro.sta"))).isTrue();
        assertThat(Mt940Statement.looksLikeMt940(text("jejik_ing.sta"))).isTrue();
        assertThat(Mt940Statement.looksLikeMt940(text("cmxl_mt940.sta"))).isTrue();
        assertThat(Mt940Statement.looksLikeMt940("Receipt No.,Completion Time,Details\n:20:x")).isFalse();
        assertThat(Mt940Statement.looksLikeMt940("<Document><BkToCstmrStmt/></Document>")).isFalse();
    }
}
