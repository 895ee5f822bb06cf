package com.personifi.ingest.statement.camt;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.personifi.ingest.statement.StatementEntries;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.StatementSink;
import com.personifi.ingest.statement.UnreadableStatementException;
import com.personifi.ingest.statement.WrittenAmount;

/**
 * ISO 20022 bank-to-customer statements, camt.053.001.02 up to .08 (any version number, or no namespace at all),
 * read element by element with StAX: the file is never held whole. Each {@code Stmt} becomes one header, announced
 * when its first {@code Ntry} starts (the schema puts all balances before the entries), so entries flow straight to
 * the sink.
 * <p>
 * A document with a DOCTYPE is refused: statements never need one, and a DTD is how entity expansion and external
 * entity attacks get in.
 */
public final class Camt053Statement {

    private static final Pattern CAMT053_NAMESPACE =
            Pattern.compile("urn:iso:std:iso:20022:tech:xsd:camt\\.053\\.001\\.\\d{2}");
    private static final String NOT_PROVIDED = "NOTPROVIDED";

    private Camt053Statement() {
    }

    /** True when the head of a file is a camt.053 document (by namespace, or by its element names without one). */
    public static boolean looksLikeCamt053(String head) {
        return head.contains("camt.053.001.") || (head.contains("<BkToCstmrStmt") && head.contains("<Stmt"));
    }

    /** From bytes, so that the XML declaration's encoding is honoured. */
    public static void read(InputStream source, StatementSink sink) {
        XMLInputFactory factory = secureFactory();
        try {
            read(factory.createXMLStreamReader(source), sink);
        } catch (XMLStreamException e) {
            throw notReadable(e);
        }
    }

    public static void read(Reader source, StatementSink sink) {
        XMLInputFactory factory = secureFactory();
        try {
            read(factory.createXMLStreamReader(source), sink);
        } catch (XMLStreamException e) {
            throw notReadable(e);
        }
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    private static UnreadableStatementException notReadable(XMLStreamException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
        return new UnreadableStatementException("CAMT.053 statement is not well-formed XML" + where, e);
    }

    private static void read(XMLStreamReader xml, StatementSink sink) throws XMLStreamException {
        Document document = new Document(sink);
        try {
            while (hasNext(xml)) {
                switch (next(xml)) {
                    case XMLStreamConstants.DTD -> throw new UnreadableStatementException(
                            "CAMT.053 statement declares a DOCTYPE; refused");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new UnreadableStatementException(
                            "CAMT.053 statement refers to entity '" + xml.getLocalName() + "'; refused");
                    case XMLStreamConstants.START_ELEMENT -> document.start(xml);
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> document.text(xml.getText());
                    case XMLStreamConstants.END_ELEMENT -> document.end();
                    default -> {
                        // comments, processing instructions, whitespace between elements
                    }
                }
            }
        } finally {
            xml.close();
        }
    }

    private static boolean hasNext(XMLStreamReader xml) throws XMLStreamException {
        try {
            return xml.hasNext();
        } catch (RuntimeException e) {
            throw parserFailed(e);
        }
    }

    private static int next(XMLStreamReader xml) throws XMLStreamException {
        try {
            return xml.next();
        } catch (RuntimeException e) {
            throw parserFailed(e);
        }
    }

    /**
     * The JDK's XML reader does not always fail as XMLStreamException: on some broken DOCTYPEs it cannot find its own
     * error message and throws MissingResourceException instead. Whatever the reader itself throws, the file is
     * still one that is not XML.
     */
    private static UnreadableStatementException parserFailed(RuntimeException e) {
        return new UnreadableStatementException("CAMT.053 statement is not well-formed XML", e);
    }

    /** Where we are in the document, and the statement and entry being read. */
    private static final class Document {

        private final StatementSink sink;
        private final ElementPath path = new ElementPath();
        private final StringBuilder text = new StringBuilder();
        private final Map<String, Integer> seenRefs = new HashMap<>();
        private int statementCount;
        private int entryCount;
        private Stmt statement;
        private Bal balance;
        private Ntry entry;
        private String amountCurrency;

        Document(StatementSink sink) {
            this.sink = sink;
        }

        void start(XMLStreamReader xml) {
            if (path.isEmpty()) {
                checkNamespace(xml.getNamespaceURI());
            }
            path.enter(xml.getLocalName());
            text.setLength(0);
            amountCurrency = "Amt".equals(xml.getLocalName()) ? xml.getAttributeValue(null, "Ccy") : null;
            ElementPath at = path;
            if (at.endsWith("BkToCstmrStmt/Stmt")) {
                statement = new Stmt(++statementCount);
            } else if (statement != null && at.endsWith("Stmt/Bal")) {
                balance = new Bal();
            } else if (statement != null && at.endsWith("Stmt/Ntry")) {
                announce();
                entry = new Ntry(++entryCount);
            }
        }

        void text(String characters) {
            text.append(characters);
        }

        void end() {
            ElementPath at = path;
            String value = text.toString().strip();
            if (entry != null) {
                entryElement(at, value);
            } else if (balance != null) {
                balanceElement(at, value);
            } else if (statement != null) {
                statementElement(at, value);
            }
            path.leave();
            text.setLength(0);
        }

        private static void checkNamespace(String namespace) {
            if (namespace != null && !namespace.isEmpty() && !CAMT053_NAMESPACE.matcher(namespace).matches()) {
                throw new UnreadableStatementException("Not a camt.053 statement: namespace " + namespace);
            }
        }

        private void statementElement(ElementPath at, String value) {
            if (at.endsWith("Stmt/Acct/Id/IBAN")) {
                statement.account = value;
            } else if (at.endsWith("Stmt/Acct/Id/Othr/Id") && statement.account == null) {
                statement.account = value;
            } else if (at.endsWith("Stmt/Acct/Ccy")) {
                statement.currency = value;
            } else if (at.endsWith("BkToCstmrStmt/Stmt")) {
                announce();
                checkBalances();
                statement = null;
            }
        }

        private void balanceElement(ElementPath at, String value) {
            if (at.endsWith("Bal/Tp/CdOrPrtry/Cd")) {
                balance.code = value;
            } else if (at.endsWith("Bal/Amt")) {
                balance.amount = value;
                balance.currency = amountCurrency;
            } else if (at.endsWith("Bal/CdtDbtInd")) {
                balance.creditDebit = value;
            } else if (at.endsWith("Bal/Dt/Dt")) {
                balance.date = value;
            } else if (at.endsWith("Bal/Dt/DtTm") && balance.date == null) {
                balance.date = value;
            } else if (at.endsWith("Stmt/Bal")) {
                keepBalance(balance);
                balance = null;
            }
        }

        /** OPBD is the opening booked balance; PRCD (previous closing) stands in for it when OPBD is absent. */
        private void keepBalance(Bal bal) {
            boolean opening = "OPBD".equals(bal.code) || ("PRCD".equals(bal.code) && !"OPBD".equals(statement.openingCode));
            boolean closing = "CLBD".equals(bal.code);
            if (!opening && !closing) {
                return;
            }
            try {
                Balance parsed = new Balance(signed(bal.creditDebit, amount(bal.amount)), bal.currency,
                        bal.date == null ? null : date(bal.date), bal.code + " " + bal.creditDebit + " " + bal.amount
                        + " " + bal.currency);
                if (opening) {
                    statement.opening = parsed;
                    statement.openingCode = bal.code;
                } else {
                    statement.closing = parsed;
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                sink.reject(statement.position, "Bal " + bal.code + " " + bal.amount, "Balance " + bal.code
                        + " is unreadable: " + e.getMessage());
            }
        }

        private void announce() {
            if (statement.announced) {
                return;
            }
            statement.announced = true;
            Balance opening = statement.opening;
            Balance closing = statement.closing;
            sink.statement(new StatementHeader(statement.position, statement.account, statement.currency(),
                    opening == null ? null : opening.amount(), opening == null ? null : opening.date(),
                    closing == null ? null : closing.amount(), closing == null ? null : closing.date()));
        }

        private void checkBalances() {
            Balance opening = statement.opening;
            Balance closing = statement.closing;
            if (opening == null || closing == null) {
                return;
            }
            BigDecimal expected = opening.amount().add(statement.entriesTotal);
            String currency = statement.currency();
            if (expected.compareTo(closing.amount()) != 0 || !currency.equals(closing.currency())) {
                sink.reject(statement.position, closing.asWritten(), "Opening balance "
                        + opening.amount().toPlainString() + " plus entries " + statement.entriesTotal.toPlainString()
                        + " makes " + expected.toPlainString() + " " + currency + ", but the closing balance is "
                        + closing.amount().toPlainString() + " " + closing.currency());
            }
        }

        private void entryElement(ElementPath at, String value) {
            if (at.endsWith("Stmt/Ntry/Amt")) {
                entry.amount = value;
                entry.currency = amountCurrency;
            } else if (at.endsWith("Stmt/Ntry/CdtDbtInd")) {
                entry.creditDebit = value;
            } else if (at.endsWith("Ntry/BookgDt/Dt")) {
                entry.bookingDate = value;
            } else if (at.endsWith("Ntry/BookgDt/DtTm")) {
                entry.bookingDateTime = value;
            } else if (at.endsWith("Ntry/ValDt/Dt")) {
                entry.valueDate = value;
            } else if (at.endsWith("Stmt/Ntry/AcctSvcrRef")) {
                entry.accountServicerRef = value;
            } else if (at.endsWith("Stmt/Ntry/NtryRef")) {
                entry.entryRef = value;
            } else if (at.endsWith("Stmt/Ntry/AddtlNtryInf")) {
                entry.remittance.add(0, value);
            } else if (at.endsWith("TxDtls/Refs/EndToEndId") && entry.endToEndId == null
                    && !NOT_PROVIDED.equalsIgnoreCase(value)) {
                entry.endToEndId = value;
            } else if (at.endsWith("TxDtls/RmtInf/Ustrd")) {
                entry.remittance.add(value);
            } else if (at.endsWith("TxDtls/RmtInf/Strd/CdtrRefInf/Ref") && entry.creditorReference == null) {
                entry.creditorReference = value;
            } else if (isPartyName(at, "Dbtr") && entry.debtorName == null) {
                entry.debtorName = value;
            } else if (isPartyName(at, "Cdtr") && entry.creditorName == null) {
                entry.creditorName = value;
            } else if (at.endsWith("BkToCstmrStmt/Stmt/Ntry")) {
                finishEntry(entry);
                entry = null;
            }
        }

        /** Up to .07 the name is Dbtr/Nm; from .08 it is Dbtr/Pty/Nm. */
        private static boolean isPartyName(ElementPath at, String party) {
            return at.endsWith("TxDtls/RltdPties/" + party + "/Nm")
                    || at.endsWith("TxDtls/RltdPties/" + party + "/Pty/Nm");
        }

        private void finishEntry(Ntry ntry) {
            String raw = ntry.asWritten();
            BigDecimal amount;
            LocalDate bookingDate;
            LocalDateTime bookedAt = null;
            try {
                amount = signed(ntry.creditDebit, amount(ntry.amount));
                if (ntry.bookingDateTime != null) {
                    bookedAt = dateTime(ntry.bookingDateTime);
                    bookingDate = bookedAt.toLocalDate();
                } else if (ntry.bookingDate != null || ntry.valueDate != null) {
                    bookingDate = date(ntry.bookingDate != null ? ntry.bookingDate : ntry.valueDate);
                } else {
                    throw new IllegalArgumentException("Entry has no booking date");
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                sink.reject(ntry.position, raw, e.getMessage());
                return;
            }
            String description = firstPresent(join(ntry.remittance), ntry.creditorReference);
            // credits come from the debtor, debits go to the creditor; reversals (RvslInd) keep the booked sign
            String counterparty = "CRDT".equals(ntry.creditDebit) ? ntry.debtorName : ntry.creditorName;
            String sourceRef = uniqueRef(firstPresent(ntry.accountServicerRef, ntry.entryRef, ntry.endToEndId,
                    contentHash(bookingDate, amount, description, counterparty)));
            String currency = ntry.currency != null ? ntry.currency : statement.currency();
            statement.entriesTotal = statement.entriesTotal.add(amount);
            sink.entry(new StatementEntry(ntry.position, sourceRef, bookingDate, bookedAt, amount, currency,
                    description, clean(counterparty), null));
        }

        private String uniqueRef(String base) {
            int occurrence = seenRefs.merge(base, 1, Integer::sum);
            return occurrence == 1 ? base : base + ":" + occurrence;
        }

        private String contentHash(LocalDate bookingDate, BigDecimal amount, String description, String counterparty) {
            String content = statement.account + "|" + bookingDate + "|" + amount.toPlainString() + "|" + description
                    + "|" + counterparty;
            return "camt-" + StatementEntries.contentHash(content);
        }
    }

    /** One Stmt as far as it has been read. */
    private static final class Stmt {
        final int position;
        String account;
        String currency;
        Balance opening;
        String openingCode;
        Balance closing;
        boolean announced;
        BigDecimal entriesTotal = BigDecimal.ZERO;

        Stmt(int position) {
            this.position = position;
        }

        /** Acct/Ccy when the bank names it, else the currency the balances are in. */
        String currency() {
            if (currency != null) {
                return currency;
            }
            return opening != null && opening.currency() != null ? opening.currency()
                    : closing != null ? closing.currency() : null;
        }
    }

    private static final class Bal {
        String code;
        String amount;
        String currency;
        String creditDebit;
        String date;
    }

    private record Balance(BigDecimal amount, String currency, LocalDate date, String asWritten) {
    }

    private static final class Ntry {
        final int position;
        final List<String> remittance = new ArrayList<>();
        String amount;
        String currency;
        String creditDebit;
        String bookingDate;
        String bookingDateTime;
        String valueDate;
        String accountServicerRef;
        String entryRef;
        String endToEndId;
        String creditorReference;
        String debtorName;
        String creditorName;

        Ntry(int position) {
            this.position = position;
        }

        /** A summary of the entry for the reject record; the XML itself is not kept while streaming. */
        String asWritten() {
            return "Ntry Amt=" + amount + " Ccy=" + currency + " CdtDbtInd=" + creditDebit + " BookgDt="
                    + (bookingDateTime != null ? bookingDateTime : bookingDate);
        }
    }

    private static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Amount is missing");
        }
        BigDecimal amount;
        try {
            amount = WrittenAmount.parse(text.strip(), "Amount", text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("Amount '" + text + "' is negative; the sign belongs in CdtDbtInd");
        }
        return amount;
    }

    private static BigDecimal signed(String creditDebit, BigDecimal amount) {
        if ("CRDT".equals(creditDebit)) {
            return amount;
        }
        if ("DBIT".equals(creditDebit)) {
            return amount.negate();
        }
        throw new IllegalArgumentException("CdtDbtInd '" + creditDebit + "' is neither CRDT nor DBIT");
    }

    /** xs:date, which may carry a zone ("2014-12-31+01:00"); a balance's DtTm gives its day. */
    private static LocalDate date(String text) {
        String value = text.strip();
        return value.contains("T") ? dateTime(value).toLocalDate()
                : LocalDate.from(DateTimeFormatter.ISO_DATE.parse(value));
    }

    /** xs:dateTime as the bank's wall clock: the offset, where given, is not applied. */
    private static LocalDateTime dateTime(String text) {
        return LocalDateTime.from(DateTimeFormatter.ISO_DATE_TIME.parse(text.strip()));
    }

    private static String join(List<String> parts) {
        return clean(parts.stream().filter(p -> !p.isBlank()).collect(Collectors.joining(" ")));
    }

    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text.replaceAll("\\s+", " ").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static String firstPresent(String... candidates) {
        return Stream.of(candidates).filter(c -> c != null && !c.isBlank()).findFirst().orElse(null);
    }
}
