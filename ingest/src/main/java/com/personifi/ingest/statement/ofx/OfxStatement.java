package com.personifi.ingest.statement.ofx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.statement.StatementEntries;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.StatementSink;
import com.personifi.ingest.statement.WrittenAmount;

/**
 * Bank and credit-card statements in OFX 1.x (SGML, value tags left unclosed), OFX 2.x (XML) and QFX, one
 * {@link StatementHeader} per STMTRS or CCSTMTRS block. Read with a small tokenizer of our own rather than ofx4j,
 * because ofx4j turns TRNAMT into a double and DTPOSTED into an instant in some time zone, while we need the amount
 * and the booking date exactly as the bank wrote them.
 *
 * <p>Positions are the line numbers where a statement's or a transaction's opening tag stands. The file is read
 * tag by tag, but one statement's entries are held until the statement ends, because OFX puts the ledger balance
 * (which belongs in the header) after the transactions.
 *
 * <p>The opening balance is left null: the ledger balance minus the listed transactions is the balance at DTSTART
 * only if the bank listed every transaction up to DTASOF, which the file cannot show.
 */
public final class OfxStatement {

    private static final Pattern SGML_HEADER = Pattern.compile("(?m)^\\s*OFXHEADER\\s*:");
    private static final Pattern XML_PI = Pattern.compile("<\\?OFX[\\s?]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROOT = Pattern.compile("<OFX>", Pattern.CASE_INSENSITIVE);

    /** {@code YYYYMMDD[HHMM[SS]][.XXX][[offset:zone]]}: the zone is dropped, the bank's own wall clock kept. */
    private static final Pattern DATE_TIME =
            Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})(\\d{2})?)?(?:\\.(\\d{1,3}))?\\s*(?:\\[[^\\]]*])?");
    /** OFX allows a comma as the decimal symbol; there are no thousands separators. */
    private static final Pattern AMOUNT = Pattern.compile("[+-]?(\\d+([.,]\\d*)?|[.,]\\d+)");
    /** NUMERIC(19,4) downstream. */

    private static final Set<String> STATEMENTS = Set.of("STMTRS", "CCSTMTRS");
    private static final Set<String> ACCOUNTS = Set.of("BANKACCTFROM", "CCACCTFROM");
    /** Values this parser reads: an empty one must not be mistaken for an aggregate that swallows what follows. */
    private static final Set<String> VALUES = Set.of("CURDEF", "ACCTID", "BALAMT", "DTASOF", "TRNTYPE", "DTPOSTED",
            "DTUSER", "TRNAMT", "FITID", "NAME", "MEMO", "CHECKNUM", "REFNUM", "CURSYM", "CURRATE");

    private OfxStatement() {
    }

    /** True when the start of a file (its first 8 KB or so) is OFX or QFX, SGML or XML. */
    public static boolean looksLikeOfx(String head) {
        return SGML_HEADER.matcher(head).find() || XML_PI.matcher(head).find() || ROOT.matcher(head).find();
    }

    public static void read(Reader source, StatementSink sink) {
        try (Reader reader = new BufferedReader(source, 1 << 16)) {
            new Reading(new OfxTokenizer(reader), sink).run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read OFX statement", e);
        }
    }

    /** The state of reading one file: which aggregates are open, and the statement and transaction being built. */
    private static final class Reading {

        private final OfxTokenizer tokens;
        private final StatementSink sink;
        private final Deque<String> open = new ArrayDeque<>();
        /**
         * How many aggregates of each name are open, so that an end tag learns whether it closes anything without
         * searching the stack: a file of thousands of unclosed tags followed by as many stray end tags would otherwise
         * take time growing with the square of its length.
         */
        private final Map<String, Integer> openCount = new HashMap<>();
        private Statement statement;
        private Transaction transaction;

        Reading(OfxTokenizer tokens, StatementSink sink) {
            this.tokens = tokens;
            this.sink = sink;
        }

        void run() throws IOException {
            for (OfxTokenizer.Token token = tokens.next(); token != null; token = tokens.next()) {
                if (token.end()) {
                    close(token.name());
                } else if (token.value() != null) {
                    value(token.name(), token.value().strip());
                } else if (VALUES.contains(token.name())) {
                    value(token.name(), "");
                } else {
                    open(token.name(), token.line());
                }
            }
            // a file cut short still gives what it has
            while (!open.isEmpty()) {
                ended(pop());
            }
        }

        private void open(String name, int line) {
            open.push(name);
            openCount.merge(name, 1, Integer::sum);
            if (STATEMENTS.contains(name)) {
                statement = new Statement(line);
            } else if (name.equals("STMTTRN") && statement != null) {
                transaction = new Transaction(line);
                tokens.startCapture("<STMTTRN>");
            }
        }

        /** An end tag closes its aggregate and any left open inside it; the optional end tag of a value is ignored. */
        private void close(String name) {
            if (!openCount.containsKey(name)) {
                return;
            }
            String closed;
            do {
                closed = pop();
                ended(closed);
            } while (!closed.equals(name));
        }

        private String pop() {
            String name = open.pop();
            openCount.computeIfPresent(name, (key, count) -> count == 1 ? null : count - 1);
            return name;
        }

        private void ended(String name) {
            if (name.equals("STMTTRN") && transaction != null) {
                transaction.raw = tokens.stopCapture();
                if (statement != null) {
                    statement.add(transaction);
                } else {
                    // its statement ended inside it: a broken file, but the transaction is still worth reporting
                    sink.reject(transaction.line, transaction.raw, "STMTTRN outside any statement");
                }
                transaction = null;
            } else if (STATEMENTS.contains(name) && statement != null) {
                statement.sendTo(sink);
                statement = null;
            }
        }

        private void value(String name, String value) {
            String parent = open.peek();
            if (parent == null) {
                return;
            }
            if (transaction != null) {
                transaction.value(parent, name, value);
            } else if (statement != null) {
                statement.value(parent, name, value);
            }
        }
    }

    /** One account's statement; its entries wait here until the ledger balance after them has been read. */
    private static final class Statement {

        private final int line;
        private String account;
        private String currency;
        private String ledgerBalance;
        private String ledgerDate;
        private final List<Consumer<StatementSink>> pending = new ArrayList<>();
        private final Map<String, Integer> derivedRefs = new HashMap<>();

        Statement(int line) {
            this.line = line;
        }

        void value(String parent, String name, String value) {
            if (STATEMENTS.contains(parent) && name.equals("CURDEF")) {
                currency = value.toUpperCase(Locale.ROOT);
            } else if (ACCOUNTS.contains(parent) && name.equals("ACCTID")) {
                account = value;
            } else if (parent.equals("LEDGERBAL") && name.equals("BALAMT")) {
                ledgerBalance = value;
            } else if (parent.equals("LEDGERBAL") && name.equals("DTASOF")) {
                ledgerDate = value;
            }
        }

        void add(Transaction transaction) {
            try {
                StatementEntry entry = transaction.toEntry(currency, derivedRefs);
                pending.add(sink -> sink.entry(entry));
            } catch (IllegalArgumentException e) {
                String reason = e.getMessage() + " (line " + transaction.line + ")";
                pending.add(sink -> sink.reject(transaction.line, transaction.raw, reason));
            }
        }

        void sendTo(StatementSink sink) {
            BigDecimal closing = null;
            LocalDate closingDate = null;
            String balanceProblem = null;
            if (ledgerBalance != null) {
                try {
                    closing = amount(ledgerBalance, "LEDGERBAL BALAMT");
                    closingDate = ledgerDate == null ? null : postedAt(ledgerDate, "LEDGERBAL DTASOF").date();
                } catch (IllegalArgumentException e) {
                    // a balance with an unreadable date cannot be checked against anything either
                    closing = null;
                    balanceProblem = e.getMessage() + " in the statement of account " + mask(account);
                }
            }
            sink.statement(new StatementHeader(line, account, currency, null, null, closing, closingDate));
            if (balanceProblem != null) {
                sink.reject(line, "<LEDGERBAL><BALAMT>" + ledgerBalance + "<DTASOF>" + ledgerDate, balanceProblem);
            }
            pending.forEach(event -> event.accept(sink));
        }
    }

    /** The values of one STMTTRN as written, turned into an entry once it is complete. */
    private static final class Transaction {

        private final int line;
        private final Map<String, String> values = new HashMap<>();
        private String payeeName;
        private String currency;
        private String raw = "";

        Transaction(int line) {
            this.line = line;
        }

        void value(String parent, String name, String value) {
            if (parent.equals("STMTTRN")) {
                values.putIfAbsent(name, value);
            } else if (parent.equals("PAYEE") && name.equals("NAME")) {
                payeeName = value;
            } else if (parent.equals("CURRENCY") && name.equals("CURSYM")) {
                // the amount is in this currency rather than the statement's (ORIGCURRENCY only informs)
                currency = value.toUpperCase(Locale.ROOT);
            }
        }

        StatementEntry toEntry(String statementCurrency, Map<String, Integer> derivedRefs) {
            String postedText = values.get("DTPOSTED");
            String amountText = values.get("TRNAMT");
            if (postedText == null || postedText.isEmpty()) {
                throw new IllegalArgumentException("STMTTRN has no DTPOSTED");
            }
            if (amountText == null || amountText.isEmpty()) {
                throw new IllegalArgumentException("STMTTRN has no TRNAMT");
            }
            Posted posted = postedAt(postedText, "DTPOSTED");
            BigDecimal amount = amount(amountText, "TRNAMT");
            String name = squash(values.get("NAME"));
            String counterparty = name != null ? name : squash(payeeName);
            String memo = squash(values.get("MEMO"));
            String sourceRef = sourceRef(posted.date(), amount, counterparty, memo, derivedRefs);
            return new StatementEntry(line, sourceRef, posted.date(), posted.at(), amount,
                    currency != null ? currency : statementCurrency, StatementEntries.describe(counterparty, memo), counterparty, null);
        }

        /**
         * FITID is the bank's id, unique within the account. Without one, the content stands in for it, numbered when
         * the same content comes again so that two identical coffees on one day stay two entries.
         */
        private String sourceRef(LocalDate date, BigDecimal amount, String name, String memo,
                                 Map<String, Integer> derivedRefs) {
            String fitId = values.get("FITID");
            if (fitId != null && !fitId.isBlank()) {
                return fitId.strip();
            }
            String base = "ofx-" + StatementEntries.contentHash(date + "|" + amount.toPlainString() + "|" + nullToEmpty(name) + "|"
                    + nullToEmpty(memo));
            int occurrence = derivedRefs.merge(base, 1, Integer::sum);
            return occurrence == 1 ? base : base + ":" + occurrence;
        }
    }

    record Posted(LocalDate date, LocalDateTime at) {
    }

    static Posted postedAt(String text, String field) {
        Matcher m = DATE_TIME.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(field + " '" + text + "' is not an OFX date like 20240131 or "
                    + "20240131120000.000[+3:EAT]");
        }
        try {
            LocalDate date = LocalDate.of(number(m.group(1)), number(m.group(2)), number(m.group(3)));
            if (m.group(4) == null) {
                return new Posted(date, null);
            }
            int seconds = m.group(6) == null ? 0 : number(m.group(6));
            int nanos = m.group(7) == null ? 0 : number((m.group(7) + "00").substring(0, 3)) * 1_000_000;
            return new Posted(date, date.atTime(number(m.group(4)), number(m.group(5)), seconds, nanos));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a real date and time");
        }
    }

    static BigDecimal amount(String text, String field) {
        String trimmed = text.strip();
        if (!AMOUNT.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(field + " '" + text + "' is not an amount");
        }
        BigDecimal value = WrittenAmount.parse(trimmed.replace(',', '.'), field, text);
        return StatementEntries.atMostFourDecimals(value, field, text);
    }

    /** Runs of spaces (CDATA keeps the bank's padding) become one; blank becomes null. */
    static String squash(String text) {
        if (text == null) {
            return null;
        }
        String squashed = text.replaceAll("\\s+", " ").strip();
        return squashed.isEmpty() ? null : squashed;
    }

    static String mask(String account) {
        if (account == null) {
            return "(none)";
        }
        return account.length() <= 4 ? "****" : "****" + account.substring(account.length() - 4);
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
