package com.personifi.ingest.mpesa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.personifi.ingest.StatementPasswordException;
import com.personifi.ingest.UnsupportedStatementException;
import com.personifi.ingest.demo.SyntheticMpesaStatement;
import com.personifi.ingest.mpesa.MpesaStatementCsvUnitTest.Collected;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MpesaStatementPdfUnitTest {

    private static final String PASSWORD = "27345678";

    /** Two months of a busy wallet: a couple of hundred rows over several pages. */
    private static SyntheticMpesaStatement statement;
    private static MpesaPdfFixture fixture;
    private static byte[] protectedPdf;

    @BeforeAll
    static void renderTheStatement() {
        statement = SyntheticMpesaStatement.generate(42, YearMonth.of(2024, 5), 2, 80);
        fixture = MpesaPdfFixture.of(statement).password(PASSWORD);
        protectedPdf = fixture.render();
    }

    private static Collected read(byte[] pdf, String password) {
        Collected out = new Collected();
        MpesaStatementPdf.read(new ByteArrayInputStream(pdf), password == null ? null : password.toCharArray(), out);
        return out;
    }

    private static List<SyntheticMpesaStatement.Row> newestFirst() {
        List<SyntheticMpesaStatement.Row> rows = new ArrayList<>(statement.rowsOldestFirst());
        java.util.Collections.reverse(rows);
        return rows;
    }

    @Test
    void readsEveryRowOfAPasswordProtectedStatementAndItsBalancesAddUp() {
        Collected out = read(protectedPdf, PASSWORD);

        assertThat(statement.rowsOldestFirst()).hasSizeGreaterThan(200);
        assertThat(out.rejected).isEmpty();
        assertThat(out.skipped).isEmpty();
        assertThat(out.lines).hasSize(statement.rowsOldestFirst().size());
        BigDecimal paidIn = BigDecimal.ZERO;
        BigDecimal withdrawn = BigDecimal.ZERO;
        for (YearMonth month = YearMonth.of(2024, 5); !month.isAfter(YearMonth.of(2024, 6)); month = month.plusMonths(1)) {
            paidIn = paidIn.add(statement.totalPaidIn(month));
            withdrawn = withdrawn.add(statement.totalWithdrawn(month));
        }
        assertThat(out.lines.stream().map(StatementLine::amount).filter(a -> a.signum() > 0)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(paidIn);
        assertThat(out.lines.stream().map(StatementLine::amount).filter(a -> a.signum() < 0)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(withdrawn.negate());
        assertThat(out.lines).extracting(StatementLine::line)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, out.lines.size()).boxed().toList());
    }

    @Test
    void givesTheSameLinesAsTheCsvOfTheSameStatement() {
        Collected fromCsv = new Collected();
        MpesaStatementCsv.read(new StringReader(statement.toCsv()), fromCsv);

        Collected fromPdf = read(protectedPdf, PASSWORD);

        assertThat(fromPdf.lines).hasSameSizeAs(fromCsv.lines);
        for (int i = 0; i < fromCsv.lines.size(); i++) {
            StatementLine csv = fromCsv.lines.get(i);
            StatementLine pdf = fromPdf.lines.get(i);
            assertThat(pdf.sourceRef()).isEqualTo(csv.sourceRef());
            assertThat(pdf.parentSourceRef()).isEqualTo(csv.parentSourceRef());
            assertThat(pdf.completedAt()).isEqualTo(csv.completedAt());
            assertThat(pdf.details()).isEqualTo(csv.details());
            assertThat(pdf.parsed()).isEqualTo(csv.parsed());
            assertThat(pdf.amount()).isEqualByComparingTo(csv.amount());
            assertThat(pdf.balance()).isEqualByComparingTo(csv.balance());
        }
    }

    @Test
    void reportsAMisprintedBalanceOnItsOwnRowWithBothFiguresAndStillKeepsTheRow() {
        int row = 57;
        SyntheticMpesaStatement.Row misprinted = newestFirst().get(row);
        byte[] pdf = MpesaPdfFixture.of(statement).password(PASSWORD).tamperBalance(row, new BigDecimal("100.00"))
                .render();

        Collected out = read(pdf, PASSWORD);

        assertThat(out.lines).hasSize(statement.rowsOldestFirst().size());
        assertThat(out.rejected).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(row + 1);
            assertThat(error.rawText()).contains(misprinted.receipt());
            assertThat(error.reason()).contains(misprinted.balance().add(new BigDecimal("100.00")).toPlainString())
                    .contains(misprinted.balance().toPlainString());
        });
    }

    @Test
    void refusesAMalformedAmountOnItsRowAndChecksTheBalancesAroundIt() {
        int row = 20;
        byte[] pdf = MpesaPdfFixture.of(statement).misprintAmount(row, "1,5O0.00").render();

        Collected out = read(pdf, null);

        assertThat(out.rejected).singleElement().satisfies(error -> assertThat(error.line()).isEqualTo(row + 1));
        assertThat(out.lines).hasSize(statement.rowsOldestFirst().size() - 1)
                .extracting(StatementLine::receipt).doesNotContainNull();
        assertThat(out.lines).noneMatch(line -> line.line() == row + 1);
    }

    @Test
    void refusesAWrongPasswordWithATypedErrorThatDoesNotRepeatIt() {
        assertThatThrownBy(() -> read(protectedPdf, "wrong-31337"))
                .isInstanceOf(StatementPasswordException.class)
                .isInstanceOf(UnsupportedStatementException.class)
                .hasMessageContaining("password")
                .hasMessageNotContaining("wrong-31337")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void asksForThePasswordWhenNoneWasGiven() {
        assertThatThrownBy(() -> read(protectedPdf, null))
                .isInstanceOf(StatementPasswordException.class)
                .hasMessageContaining("protected by a password");
    }

    @Test
    void readsAnUnprotectedStatementWithoutAPassword() {
        Collected out = read(MpesaPdfFixture.of(statement).render(), "");

        assertThat(out.rejected).isEmpty();
        assertThat(out.lines).hasSize(statement.rowsOldestFirst().size());
    }

    @Test
    void keepsARowWholeWhenItsDetailsGoOnOnTheNextPage() {
        Collected out = read(protectedPdf, PASSWORD);

        assertThat(fixture.rowsSplitAcrossPages()).isNotEmpty();
        Map<String, StatementLine> byReceipt = out.lines.stream().filter(l -> l.parentSourceRef() == null)
                .collect(Collectors.toMap(StatementLine::receipt, Function.identity(), (a, b) -> a));
        for (String receipt : fixture.rowsSplitAcrossPages()) {
            SyntheticMpesaStatement.Row expected = statement.rowsOldestFirst().stream()
                    .filter(r -> r.receipt().equals(receipt) && !r.details().endsWith("Charge")
                            && !r.details().startsWith("OverDraft"))
                    .findFirst().orElseThrow();
            assertThat(byReceipt.get(receipt).details()).isEqualTo(expected.details());
        }
    }

    @Test
    void givesTheSameSourceRefsEveryTimeTheStatementIsRead() {
        List<String> first = read(protectedPdf, PASSWORD).lines.stream().map(StatementLine::sourceRef).toList();
        List<String> second = read(protectedPdf, PASSWORD).lines.stream().map(StatementLine::sourceRef).toList();

        assertThat(second).containsExactlyElementsOf(first).doesNotHaveDuplicates();
    }

    @Test
    void refusesAPdfThatIsNotAnMpesaStatement() throws IOException {
        byte[] letter;
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(50, 700);
                content.showText("Dear customer, your loan statement is attached.");
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            letter = out.toByteArray();
        }

        assertThatThrownBy(() -> read(letter, null)).isInstanceOf(UnsupportedStatementException.class)
                .hasMessageContaining("DETAILED STATEMENT");
        assertThatThrownBy(() -> read("%PDF-1.7 not really".getBytes(), null))
                .isInstanceOf(UnsupportedStatementException.class);
    }

    @Test
    void refusesAPdfWhosePageContentIsBrokenWithTheTypedError() throws IOException {
        byte[] broken;
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDStream content = new PDStream(document);
            try (OutputStream out = content.createOutputStream()) {
                // "In" is no operator: PDFBox stops reading the page
                out.write("BT /F1 7 Tf 30 700 Td (Receipt No.) In ET".getBytes(StandardCharsets.US_ASCII));
            }
            page.setContents(content);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            broken = out.toByteArray();
        }

        assertThatThrownBy(() -> read(broken, null)).isInstanceOf(UnsupportedStatementException.class)
                .hasMessageStartingWith("The PDF cannot be read");
    }

    @Test
    void recognisesAPdfByItsFirstBytes() {
        assertThat(MpesaStatementPdf.looksLikePdf("%PDF-1.7\n%âãÏÓ")).isTrue();
        assertThat(MpesaStatementPdf.looksLikePdf("Receipt No.,Completion Time")).isFalse();
    }
}
