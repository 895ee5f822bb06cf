package com.personifi.ingest.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Bank statement files of an exact number of entries in each format PersoniFi reads, laid out like the published
 * fixtures under {@code src/test/resources/statements/}: an OFX 1.x SGML file, a QIF bank list, MT940 day statements and
 * one camt.053 statement. Payees, memos and amounts vary the way a real account's do; the balances the files state
 * add up, so every entry is read and none is refused. Same seed, same bytes.
 */
final class SyntheticBankStatements {

    private static final String[][] PAYEES = {{"NAIVAS SUPERMARKET", "POS PURCHASE NAIVAS WESTLANDS"},
            {"KPLC PREPAID", "BILL PAYMENT TOKEN 54405080323"}, {"JAVA HOUSE", "CARD PURCHASE JAVA HOUSE ABC PLACE"},
            {"ACME KENYA LTD", "SALARY MARCH"}, {"SAFARICOM", "AIRTIME TOP UP"},
            {"NAIROBI WATER", "WATER BILL ACC 2001234"}, {"TOTALENERGIES KENYA", "FUEL KIAMBU ROAD"},
            {"WANJIKU KARIUKI", "TRANSFER RENT JANUARY"}, {"KCB SCHOOL FEES", "FEES TERM 1 ADM 4521"}};
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 2);
    private static final BigDecimal OPENING = new BigDecimal("250000.00");
    /** Entries per MT940 day statement. */
    private static final int PER_DAY = 40;

    private SyntheticBankStatements() {
    }

    /** One booked entry: a day, a signed amount and who it was with. */
    private record Entry(int index, LocalDate day, BigDecimal amount, String payee, String memo) {

        boolean credit() {
            return amount.signum() > 0;
        }
    }

    private static Entry[] entries(int count, long seed) {
        Random random = new Random(seed);
        Entry[] entries = new Entry[count];
        for (int i = 0; i < count; i++) {
            String[] payee = PAYEES[random.nextInt(PAYEES.length)];
            BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(2_500_000), 2);
            boolean credit = payee[1].startsWith("SALARY") || random.nextInt(10) == 0;
            entries[i] = new Entry(i + 1, FIRST_DAY.plusDays(i / PER_DAY), credit ? amount : amount.negate(),
                    payee[0], payee[1]);
        }
        return entries;
    }

    private static BigDecimal total(Entry[] entries, int from, int to) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = from; i < to; i++) {
            sum = sum.add(entries[i].amount());
        }
        return sum;
    }

    /** OFX 1.02 SGML, one checking account, tab-indented with value tags left open, as ofxparse_checking.ofx. */
    static byte[] ofx(int count, long seed) {
        Entry[] entries = entries(count, seed);
        StringBuilder out = new StringBuilder(count * 260);
        out.append("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n")
                .append("COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n\t<SIGNONMSGSRSV1>\n\t\t<SONRS>\n")
                .append("\t\t\t<STATUS>\n\t\t\t\t<CODE>0\n\t\t\t\t<SEVERITY>INFO\n\t\t\t</STATUS>\n")
                .append("\t\t\t<DTSERVER>20240401120000.000\n\t\t\t<LANGUAGE>ENG\n\t\t</SONRS>\n\t</SIGNONMSGSRSV1>\n")
                .append("\t<BANKMSGSRSV1>\n\t\t<STMTTRNRS>\n\t\t\t<TRNUID>0\n\t\t\t<STMTRS>\n\t\t\t\t<CURDEF>KES\n")
                .append("\t\t\t\t<BANKACCTFROM>\n\t\t\t\t\t<BANKID>01100\n\t\t\t\t\t<ACCTID>1100123456789\n")
                .append("\t\t\t\t\t<ACCTTYPE>CHECKING\n\t\t\t\t</BANKACCTFROM>\n\t\t\t\t<BANKTRANLIST>\n")
                .append("\t\t\t\t\t<DTSTART>").append(COMPACT.format(FIRST_DAY)).append('\n')
                .append("\t\t\t\t\t<DTEND>").append(COMPACT.format(entries[count - 1].day())).append('\n');
        for (Entry e : entries) {
            out.append("\t\t\t\t\t<STMTTRN>\n\t\t\t\t\t\t<TRNTYPE>").append(e.credit() ? "CREDIT" : "DEBIT")
                    .append("\n\t\t\t\t\t\t<DTPOSTED>").append(COMPACT.format(e.day())).append("120000.000[+3:EAT]")
                    .append("\n\t\t\t\t\t\t<TRNAMT>").append(e.amount().toPlainString())
                    .append("\n\t\t\t\t\t\t<FITID>").append(String.format(Locale.ROOT, "%013d", e.index()))
                    .append("\n\t\t\t\t\t\t<NAME>").append(e.payee())
                    .append("\n\t\t\t\t\t\t<MEMO>").append(e.memo()).append(" &amp; REF ").append(e.index())
                    .append("\n\t\t\t\t\t</STMTTRN>\n");
        }
        out.append("\t\t\t\t</BANKTRANLIST>\n\t\t\t\t<LEDGERBAL>\n\t\t\t\t\t<BALAMT>")
                .append(OPENING.add(total(entries, 0, count)).toPlainString())
                .append("\n\t\t\t\t\t<DTASOF>").append(COMPACT.format(entries[count - 1].day()))
                .append("\n\t\t\t\t</LEDGERBAL>\n\t\t\t</STMTRS>\n\t\t</STMTTRNRS>\n\t</BANKMSGSRSV1>\n</OFX>\n");
        return bytes(out);
    }

    /** A Quicken bank list, day first, with thousands separators, cheque numbers and categories. */
    static byte[] qif(int count, long seed) {
        Entry[] entries = entries(count, seed);
        StringBuilder out = new StringBuilder(count * 90);
        out.append("!Account\nNEquity Current 0042\nTBank\n^\n!Type:Bank\n");
        for (Entry e : entries) {
            out.append('D').append(DAY_FIRST.format(e.day())).append("\nT").append(String.format(Locale.ROOT, "%,.2f", e.amount()))
                    .append("\nP").append(e.payee()).append("\nM").append(e.memo()).append("\nN").append(1000 + e.index())
                    .append("\nL").append(e.credit() ? "Income" : "Household").append("\n^\n");
        }
        return bytes(out);
    }

    /**
     * MT940 as a bank exports it: one statement a day with its bank header line, opening and closing balances that
     * add up, and :86: information alternately in ?NN subfields and free text over two lines.
     */
    static byte[] mt940(int count, long seed) {
        Entry[] entries = entries(count, seed);
        StringBuilder out = new StringBuilder(count * 160);
        BigDecimal balance = OPENING;
        for (int from = 0, number = 1; from < count; from += PER_DAY, number++) {
            int to = Math.min(count, from + PER_DAY);
            LocalDate day = entries[from].day();
            out.append("0000 01KCBLKENXXXX00001\n940 00\n:20:STMT").append(number).append("\n:25:1100123456789\n")
                    .append(":28C:").append(String.format(Locale.ROOT, "%05d/001", number)).append("\n:60F:")
                    .append(mark(balance)).append(YYMMDD.format(day)).append("KES").append(swift(balance)).append('\n');
            for (int i = from; i < to; i++) {
                Entry e = entries[i];
                out.append(":61:").append(YYMMDD.format(e.day())).append(MMDD.format(e.day()))
                        .append(e.credit() ? 'C' : 'D').append(swift(e.amount().abs())).append("NTRFREF")
                        .append(e.index()).append("//").append(String.format(Locale.ROOT, "%016d", e.index())).append('\n');
                if (i % 2 == 0) {
                    out.append(":86:166?00").append(e.credit() ? "GUTSCHRIFT" : "LASTSCHRIFT").append("?20")
                            .append(e.memo()).append("?21REF ").append(e.index()).append("?32").append(e.payee())
                            .append('\n');
                } else {
                    out.append(":86:").append(e.payee()).append(' ').append(e.memo()).append("\nREF ")
                            .append(e.index()).append('\n');
                }
            }
            balance = balance.add(total(entries, from, to));
            out.append(":62F:").append(mark(balance)).append(YYMMDD.format(day)).append("KES").append(swift(balance))
                    .append("\n-\n");
        }
        return bytes(out);
    }

    /** camt.053.001.02, one statement with its opening and closing booked balances and one transaction per entry. */
    static byte[] camt053(int count, long seed) {
        Entry[] entries = entries(count, seed);
        BigDecimal closing = OPENING.add(total(entries, 0, count));
        StringBuilder out = new StringBuilder(count * 900);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns:xsi=\"http://www.w3.org/2001/")
                .append("XMLSchema-instance\" xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n")
                .append("    <BkToCstmrStmt>\n        <GrpHdr>\n            <MsgId>CAMT053KCB000000000001</MsgId>\n")
                .append("            <CreDtTm>2024-04-01T06:00:00+03:00</CreDtTm>\n        </GrpHdr>\n")
                .append("        <Stmt>\n            <Id>KES1100123456789</Id>\n")
                .append("            <CreDtTm>2024-04-01T06:00:00+03:00</CreDtTm>\n            <Acct>\n")
                .append("                <Id>\n                    <IBAN>KE69KCBL1100123456789</IBAN>\n")
                .append("                </Id>\n                <Ccy>KES</Ccy>\n            </Acct>\n");
        balance(out, "OPBD", OPENING, FIRST_DAY);
        balance(out, "CLBD", closing, entries[count - 1].day());
        for (Entry e : entries) {
            String side = e.credit() ? "Dbtr" : "Cdtr";
            out.append("            <Ntry>\n                <NtryRef>").append(e.index()).append("</NtryRef>\n")
                    .append("                <Amt Ccy=\"KES\">").append(e.amount().abs().toPlainString())
                    .append("</Amt>\n                <CdtDbtInd>").append(e.credit() ? "CRDT" : "DBIT")
                    .append("</CdtDbtInd>\n                <Sts>BOOK</Sts>\n                <BookgDt>\n")
                    .append("                    <Dt>").append(e.day()).append("</Dt>\n                </BookgDt>\n")
                    .append("                <ValDt>\n                    <Dt>").append(e.day())
                    .append("</Dt>\n                </ValDt>\n                <AcctSvcrRef>KCB")
                    .append(String.format(Locale.ROOT, "%012d", e.index())).append("</AcctSvcrRef>\n")
                    .append("                <BkTxCd>\n                    <Domn>\n                        <Cd>PMNT")
                    .append("</Cd>\n                        <Fmly>\n                            <Cd>RCDT</Cd>\n")
                    .append("                            <SubFmlyCd>ESCT</SubFmlyCd>\n                        ")
                    .append("</Fmly>\n                    </Domn>\n                </BkTxCd>\n")
                    .append("                <NtryDtls>\n                    <TxDtls>\n                        <Refs>\n")
                    .append("                            <EndToEndId>E2E").append(e.index()).append("</EndToEndId>\n")
                    .append("                        </Refs>\n                        <RltdPties>\n")
                    .append("                            <").append(side).append(">\n")
                    .append("                                <Nm>").append(e.payee()).append("</Nm>\n")
                    .append("                            </").append(side).append(">\n")
                    .append("                        </RltdPties>\n                        <RmtInf>\n")
                    .append("                            <Ustrd>").append(e.memo()).append("</Ustrd>\n")
                    .append("                        </RmtInf>\n                    </TxDtls>\n")
                    .append("                </NtryDtls>\n            </Ntry>\n");
        }
        out.append("        </Stmt>\n    </BkToCstmrStmt>\n</Document>\n");
        return bytes(out);
    }

    private static void balance(StringBuilder out, String code, BigDecimal amount, LocalDate day) {
        out.append("            <Bal>\n                <Tp>\n                    <CdOrPrtry>\n")
                .append("                        <Cd>").append(code).append("</Cd>\n                    </CdOrPrtry>\n")
                .append("                </Tp>\n                <Amt Ccy=\"KES\">").append(amount.abs().toPlainString())
                .append("</Amt>\n                <CdtDbtInd>").append(amount.signum() < 0 ? "DBIT" : "CRDT")
                .append("</CdtDbtInd>\n                <Dt>\n                    <Dt>").append(day)
                .append("</Dt>\n                </Dt>\n            </Bal>\n");
    }

    private static char mark(BigDecimal balance) {
        return balance.signum() < 0 ? 'D' : 'C';
    }

    /** SWIFT writes a decimal comma and no sign. */
    private static String swift(BigDecimal amount) {
        return amount.abs().toPlainString().replace('.', ',');
    }

    private static byte[] bytes(StringBuilder text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
