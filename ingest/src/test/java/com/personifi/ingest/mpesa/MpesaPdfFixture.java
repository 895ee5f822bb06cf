package com.personifi.ingest.mpesa;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.personifi.ingest.demo.SyntheticMpesaStatement;
import com.personifi.ingest.demo.SyntheticMpesaStatement.Row;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders a {@link SyntheticMpesaStatement} the way Safaricom lays out its "M-PESA STATEMENT" PDF: title block,
 * SUMMARY by transaction type, then the DETAILED STATEMENT newest first, with Details wrapping inside their cell,
 * the column header repeated and "Page N of M" plus a disclaimer on every page, Withdrawn written negative and
 * thousands separated. Rows that do not fit at the foot of a page carry their remaining Details lines over to the
 * next one. Optionally protected with a user password (AES-256) and with one balance misprinted.
 */
public final class MpesaPdfFixture {

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd MMM yyyy");
    private static final float SIZE = 7f;
    private static final float LEADING = 9f;
    private static final float TOP = 800f;
    private static final float BOTTOM = 70f;
    // left edges of the text columns, right edges of the amount columns
    private static final float RECEIPT_X = 30f;
    private static final float TIME_X = 82f;
    private static final float DETAILS_X = 158f;
    private static final float DETAILS_WIDTH = 165f;
    private static final float STATUS_X = 335f;
    private static final float PAID_IN_RIGHT = 430f;
    private static final float WITHDRAWN_RIGHT = 495f;
    private static final float BALANCE_RIGHT = 565f;
    private static final String DISCLAIMER =
            "Disclaimer: This statement is a record of your M-PESA transactions for your own use. Synthetic test data.";

    private final SyntheticMpesaStatement statement;
    private String password;
    private int tamperedRow = -1;
    private BigDecimal tamperBy;
    private int misprintedRow = -1;
    private String misprintedAmount;
    private final Set<String> splitAcrossPages = new LinkedHashSet<>();

    private MpesaPdfFixture(SyntheticMpesaStatement statement) {
        this.statement = statement;
    }

    public static MpesaPdfFixture of(SyntheticMpesaStatement statement) {
        return new MpesaPdfFixture(statement);
    }

    /** Protects the file: it opens only with this password. */
    public MpesaPdfFixture password(String password) {
        this.password = password;
        return this;
    }

    /**
     * Prints a wrong balance on one row.
     *
     * @param rowNewestFirst 0 for the first row of the detailed statement (the newest)
     */
    public MpesaPdfFixture tamperBalance(int rowNewestFirst, BigDecimal by) {
        this.tamperedRow = rowNewestFirst;
        this.tamperBy = by;
        return this;
    }

    /** Prints {@code text} instead of one row's Paid In or Withdrawn amount. */
    public MpesaPdfFixture misprintAmount(int rowNewestFirst, String text) {
        this.misprintedRow = rowNewestFirst;
        this.misprintedAmount = text;
        return this;
    }

    /** Receipts of the rows whose Details began on one page and went on on the next, as last rendered. */
    public Set<String> rowsSplitAcrossPages() {
        return splitAcrossPages;
    }

    public byte[] render() {
        splitAcrossPages.clear();
        try (PDDocument document = new PDDocument()) {
            Pages pages = new Pages(document);
            titleAndSummary(pages);
            List<Row> rows = new ArrayList<>(statement.rowsOldestFirst());
            Collections.reverse(rows);
            for (int i = 0; i < rows.size(); i++) {
                row(pages, rows.get(i), i == tamperedRow ? tamperBy : null, i == misprintedRow ? misprintedAmount : null);
            }
            pages.close();
            footers(document);
            if (password != null) {
                StandardProtectionPolicy policy =
                        new StandardProtectionPolicy("owner-" + password, password, new AccessPermission());
                policy.setEncryptionKeyLength(256);
                document.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void titleAndSummary(Pages pages) throws IOException {
        List<Row> rows = statement.rowsOldestFirst();
        pages.text(BOLD, 14, RECEIPT_X, "M-PESA STATEMENT");
        pages.down(20);
        pages.text(REGULAR, 9, RECEIPT_X, "Customer Name: DEMO USER");
        pages.down(12);
        pages.text(REGULAR, 9, RECEIPT_X, "Mobile Number: 0700 000 000");
        pages.down(12);
        pages.text(REGULAR, 9, RECEIPT_X, "Email Address: demo.user@example.test");
        pages.down(12);
        pages.text(REGULAR, 9, RECEIPT_X, "Statement Period: " + DAY.format(rows.get(0).completedAt()) + " - "
                + DAY.format(rows.get(rows.size() - 1).completedAt()));
        pages.down(12);
        pages.text(REGULAR, 9, RECEIPT_X, "Request Date: " + DAY.format(rows.get(rows.size() - 1).completedAt()));
        pages.down(24);

        pages.text(BOLD, 10, RECEIPT_X, "SUMMARY");
        pages.down(14);
        pages.text(BOLD, SIZE, RECEIPT_X, "TRANSACTION TYPE");
        pages.right(BOLD, SIZE, 300, "PAID IN");
        pages.right(BOLD, SIZE, 380, "PAID OUT");
        Map<String, BigDecimal[]> byType = new LinkedHashMap<>();
        for (String type : List.of("SEND MONEY", "RECEIVED MONEY", "AGENT DEPOSIT", "AGENT WITHDRAWAL",
                "LIPA NA M-PESA (PAYBILL)", "LIPA NA M-PESA (BUY GOODS)", "OTHERS", "TOTAL")) {
            byType.put(type, new BigDecimal[] {BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
        }
        for (Row row : rows) {
            for (String type : List.of(summaryType(row), "TOTAL")) {
                BigDecimal[] sums = byType.get(type);
                if (row.paidIn() != null) {
                    sums[0] = sums[0].add(row.paidIn());
                } else {
                    sums[1] = sums[1].add(row.withdrawn());
                }
            }
        }
        for (Map.Entry<String, BigDecimal[]> type : byType.entrySet()) {
            pages.down(LEADING);
            PDType1Font font = type.getKey().equals("TOTAL") ? BOLD : REGULAR;
            pages.text(font, SIZE, RECEIPT_X, type.getKey());
            pages.right(font, SIZE, 300, money(type.getValue()[0]));
            pages.right(font, SIZE, 380, money(type.getValue()[1]));
        }
        pages.down(24);
        pages.text(BOLD, 10, RECEIPT_X, "DETAILED STATEMENT");
        pages.down(14);
        pages.header();
    }

    private static String summaryType(Row row) {
        MpesaDetails.Kind kind = MpesaDetails.parse(row.details()).kind();
        return switch (kind) {
            case SENT -> "SEND MONEY";
            case RECEIVED -> "RECEIVED MONEY";
            case AGENT_DEPOSIT -> "AGENT DEPOSIT";
            case AGENT_WITHDRAWAL -> "AGENT WITHDRAWAL";
            case PAYBILL -> "LIPA NA M-PESA (PAYBILL)";
            case MERCHANT_PAYMENT -> "LIPA NA M-PESA (BUY GOODS)";
            default -> "OTHERS";
        };
    }

    private void row(Pages pages, Row row, BigDecimal tamper, String misprint) throws IOException {
        List<String> details = wrap(row.details());
        pages.down(LEADING + 2);
        if (pages.y < BOTTOM) {
            pages.next();
            pages.down(LEADING + 2);
        }
        BigDecimal balance = tamper == null ? row.balance() : row.balance().add(tamper);
        pages.text(REGULAR, SIZE, RECEIPT_X, row.receipt());
        pages.text(REGULAR, SIZE, TIME_X, TIME.format(row.completedAt()));
        pages.text(REGULAR, SIZE, DETAILS_X, details.get(0));
        pages.text(REGULAR, SIZE, STATUS_X, row.status());
        if (row.paidIn() != null) {
            pages.right(REGULAR, SIZE, PAID_IN_RIGHT, misprint != null ? misprint : money(row.paidIn()));
        } else {
            pages.right(REGULAR, SIZE, WITHDRAWN_RIGHT, misprint != null ? misprint : money(row.withdrawn().negate()));
        }
        pages.right(REGULAR, SIZE, BALANCE_RIGHT, money(balance));
        for (String more : details.subList(1, details.size())) {
            pages.down(LEADING);
            if (pages.y < BOTTOM) {
                // the rest of the cell goes on under the next page's header, as the real statements do
                splitAcrossPages.add(row.receipt());
                pages.next();
                pages.down(LEADING + 2);
            }
            pages.text(REGULAR, SIZE, DETAILS_X, more);
        }
    }

    private static List<String> wrap(String text) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && REGULAR.getStringWidth(candidate) / 1000 * SIZE > DETAILS_WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private static String money(BigDecimal amount) {
        return String.format("%,.2f", amount);
    }

    /** "Page N of M" and the disclaimer on every page, once the number of pages is known. */
    private static void footers(PDDocument document) throws IOException {
        int count = document.getNumberOfPages();
        for (int n = 1; n <= count; n++) {
            PDPage page = document.getPage(n - 1);
            try (PDPageContentStream content =
                         new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true)) {
                write(content, REGULAR, 6, RECEIPT_X, 45, DISCLAIMER);
                String footer = "Page " + n + " of " + count;
                write(content, REGULAR, SIZE, (595 - REGULAR.getStringWidth(footer) / 1000 * SIZE) / 2, 30, footer);
            }
        }
    }

    private static void write(PDPageContentStream content, PDType1Font font, float size, float x, float y,
                              String text) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }

    /** The page being written and where on it. */
    private static final class Pages {
        private final PDDocument document;
        private PDPageContentStream content;
        float y;

        Pages(PDDocument document) throws IOException {
            this.document = document;
            open();
        }

        private void open() throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = TOP;
        }

        void next() throws IOException {
            content.close();
            open();
            header();
        }

        void header() throws IOException {
            text(BOLD, SIZE, RECEIPT_X, "Receipt No.");
            text(BOLD, SIZE, TIME_X, "Completion Time");
            text(BOLD, SIZE, DETAILS_X, "Details");
            text(BOLD, SIZE, STATUS_X, "Transaction Status");
            right(BOLD, SIZE, PAID_IN_RIGHT, "Paid In");
            right(BOLD, SIZE, WITHDRAWN_RIGHT, "Withdrawn");
            right(BOLD, SIZE, BALANCE_RIGHT, "Balance");
            down(4);
        }

        void down(float by) {
            y -= by;
        }

        void text(PDType1Font font, float size, float x, String text) throws IOException {
            write(content, font, size, x, y, text);
        }

        void right(PDType1Font font, float size, float rightEdge, String text) throws IOException {
            write(content, font, size, rightEdge - font.getStringWidth(text) / 1000 * size, y, text);
        }

        void close() throws IOException {
            content.close();
        }
    }
}
