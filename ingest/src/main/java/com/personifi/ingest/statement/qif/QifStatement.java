package com.personifi.ingest.statement.qif;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * Quicken Interchange Format: a {@code !Type:Bank} (or Cash, CCard, Oth A, Oth L) line, then records of one-letter
 * fields ending with {@code ^}. Each such list is one statement; its header carries the name from a preceding
 * {@code !Account} block as the account number, and nothing else, because QIF states no currency or balances.
 *
 * <ul>
 *   <li>A transaction with splits (S, E, $ lines) is one entry of its T amount: the splits only share it out.</li>
 *   <li>L, the category, is left out of the description: it is the user's own Quicken filing, not what the bank
 *       wrote, and categorising is done later by our own rules.</li>
 *   <li>QIF has no ids, so the source ref is a hash of date, amount, payee, memo and number, numbered when the same
 *       content comes again; re-importing the same file gives the same refs.</li>
 *   <li>Dates are written day-first or month-first with nothing in the file to say which. {@link DateOrder#DETECT}
 *       reads the whole file first: a first field above 12 means day-first, else a second field above 12 means
 *       month-first, else (every date ambiguous, or the file contradicting itself) day-first, the usual order in
 *       Africa and Europe. Only DETECT holds the file's records in memory, each cut to its few fields.</li>
 *   <li>Two-digit years after / . or - are 1970-2069; after Quicken's apostrophe ({@code 1/5'04}) they are 2000s.</li>
 *   <li>Investment lists ({@code !Type:Invst}) are rejected record by record; category, class and memorised lists
 *       are not transactions and are passed over.</li>
 * </ul>
 */
public final class QifStatement {

    public enum DateOrder { DAY_FIRST, MONTH_FIRST, DETECT }

    private static final Pattern HEAD = Pattern.compile("^\\uFEFF?\\s*!(Type|Account|Option|Clear)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> CASH_LISTS = Set.of("BANK", "CASH", "CCARD", "OTH A", "OTH L");
    private static final String INVESTMENTS = "INVST";
    private static final String ACCOUNT = "ACCOUNT";

    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})([/.'-])(\\d{1,4})");
    private static final Pattern YEAR_MONTH_DAY = Pattern.compile("(\\d{4})[/.-](\\d{1,2})[/.-](\\d{1,2})");
    private static final int CENTURY_PIVOT = 70;

    private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern GROUPED_WITH_COMMAS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern GROUPED_WITH_POINTS = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{3})+,\\d+");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d{1,2}");
    /** NUMERIC(19,4) downstream. */
    /** Only rejected records are ever shown, so a runaway one is cut rather than held whole. */
    private static final int MAX_RAW = 2000;

    private QifStatement() {
    }

    /** True when the start of a file (its first 8 KB or so) opens with a QIF {@code !Type:}, {@code !Account} line. */
    public static boolean looksLikeQif(String head) {
        return head.lines().filter(line -> !line.isBlank()).findFirst().map(line -> HEAD.matcher(line).find())
                .orElse(false);
    }

    /** Reads with the day/month order detected from the file. */
    public static void read(Reader source, StatementSink sink) {
        read(source, DateOrder.DETECT, sink);
    }

    public static void read(Reader source, DateOrder order, StatementSink sink) {
        try (BufferedReader reader = new BufferedReader(source, 1 << 16)) {
            if (order == DateOrder.DETECT) {
                List<Part> parts = new ArrayList<>();
                new QifParts(reader).forEach(parts::add);
                Statements statements = new Statements(detect(parts), sink);
                parts.forEach(statements::accept);
            } else {
                new QifParts(reader).forEach(new Statements(order, sink));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read QIF statement", e);
        }
    }

    /** A {@code !} line, or one record with the fields this parser uses. */
    sealed interface Part permits Section, QifRecord {
    }

    record Section(int line, String name) implements Part {
    }

    /**
     * @param list   the {@code !Type} list the record is in, upper case, or null before any
     * @param number N: a cheque number; in an {@code !Account} block, the account's name
     */
    record QifRecord(int line, String list, String date, String amount, String payee, String memo, String number,
                     String raw) implements Part {
    }

    /** Splits the file into sections and records, one at a time. */
    private static final class QifParts {

        private final BufferedReader reader;
        private int line;

        QifParts(BufferedReader reader) {
            this.reader = reader;
        }

        void forEach(Consumer<Part> out) throws IOException {
            String list = null;
            RecordLines record = null;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                String field = line == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
                if (field.isBlank()) {
                    continue;
                }
                if (field.startsWith("!")) {
                    String name = field.substring(1).strip();
                    list = listName(name, list);
                    out.accept(new Section(line, name));
                } else if (field.strip().equals("^")) {
                    if (record != null) {
                        out.accept(record.toRecord(list));
                    }
                    record = null;
                } else {
                    record = record == null ? new RecordLines(line) : record;
                    record.add(field);
                }
            }
            // a last record without its ^
            if (record != null) {
                out.accept(record.toRecord(list));
            }
        }

        private static String listName(String section, String current) {
            String upper = section.toUpperCase(Locale.ROOT);
            if (upper.startsWith("TYPE:")) {
                return upper.substring("TYPE:".length()).strip();
            }
            return upper.equals(ACCOUNT) ? ACCOUNT : current;
        }
    }

    /** The lines of one record, kept only as far as they are used. */
    private static final class RecordLines {

        private final int line;
        private final StringBuilder raw = new StringBuilder();
        private String date;
        private String amount;
        private String payee;
        private String memo;
        private String number;

        RecordLines(int line) {
            this.line = line;
        }

        void add(String text) {
            if (raw.length() < MAX_RAW) {
                raw.append(raw.isEmpty() ? "" : "\n").append(text);
            }
            String value = text.substring(1).strip();
            switch (text.charAt(0)) {
                case 'D' -> date = first(date, value);
                // U is the same amount in Quicken's newer, wider field; T wins when both are there
                case 'T' -> amount = value;
                case 'U' -> amount = first(amount, value);
                case 'P' -> payee = first(payee, value);
                case 'M' -> memo = first(memo, value);
                case 'N' -> number = first(number, value);
                default -> {
                    // L category, C cleared, A address, S/E/$/% splits and the rest are not part of the entry
                }
            }
        }

        QifRecord toRecord(String list) {
            String rawText = raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) : raw.toString();
            return new QifRecord(line, list, date, amount, payee, memo, number, rawText);
        }

        private static String first(String current, String value) {
            return current != null ? current : value;
        }
    }

    /** Turns the parts into headers, entries and rejects. */
    private static final class Statements implements Consumer<Part> {

        private final DateOrder order;
        private final StatementSink sink;
        private String accountName;
        private boolean started;
        private Map<String, Integer> refs = new HashMap<>();

        Statements(DateOrder order, StatementSink sink) {
            this.order = order;
            this.sink = sink;
        }

        @Override
        public void accept(Part part) {
            if (part instanceof Section section) {
                section(section);
            } else if (part instanceof QifRecord record) {
                record(record);
            }
        }

        private void section(Section section) {
            String upper = section.name().toUpperCase(Locale.ROOT);
            if (upper.startsWith("TYPE:") && CASH_LISTS.contains(upper.substring("TYPE:".length()).strip())) {
                start(section.line());
            }
        }

        private void start(int line) {
            sink.statement(new StatementHeader(line, accountName, null, null, null, null, null));
            started = true;
            refs = new HashMap<>();
        }

        private void record(QifRecord record) {
            String list = record.list();
            if (ACCOUNT.equals(list)) {
                // with several accounts listed (Quicken's AutoSwitch), the last one before a !Type list is its own
                accountName = record.number();
            } else if (INVESTMENTS.equals(list)) {
                sink.reject(record.line(), record.raw(), "Investment records (!Type:Invst) are not read");
            } else if (list == null || CASH_LISTS.contains(list)) {
                if (!started) {
                    // records with no !Type line before them are read as a bank list
                    start(record.line());
                }
                entry(record);
            }
        }

        private void entry(QifRecord record) {
            try {
                LocalDate date = date(record.date(), order);
                BigDecimal amount = amount(record.amount());
                String payee = squash(record.payee());
                String memo = squash(record.memo());
                String sourceRef = sourceRef(date, amount, payee, memo, squash(record.number()));
                sink.entry(new StatementEntry(record.line(), sourceRef, date, null, amount, null,
                        StatementEntries.describe(payee, memo), payee, null));
            } catch (IllegalArgumentException e) {
                sink.reject(record.line(), record.raw(), e.getMessage());
            }
        }

        private String sourceRef(LocalDate date, BigDecimal amount, String payee, String memo, String number) {
            String content = date + "|" + amount.stripTrailingZeros().toPlainString() + "|" + nullToEmpty(payee)
                    + "|" + nullToEmpty(memo) + "|" + nullToEmpty(number);
            String base = "qif-" + StatementEntries.contentHash(content);
            int occurrence = refs.merge(base, 1, Integer::sum);
            return occurrence == 1 ? base : base + ":" + occurrence;
        }
    }

    static DateOrder detect(List<Part> parts) {
        boolean dayFirst = false;
        boolean monthFirst = false;
        for (Part part : parts) {
            if (part instanceof QifRecord record && record.date() != null && (record.list() == null
                    || CASH_LISTS.contains(record.list()))) {
                Matcher m = DAY_MONTH_YEAR.matcher(withoutSpaces(record.date()));
                if (m.matches()) {
                    dayFirst |= Integer.parseInt(m.group(1)) > 12;
                    monthFirst |= Integer.parseInt(m.group(2)) > 12;
                }
            }
        }
        return monthFirst && !dayFirst ? DateOrder.MONTH_FIRST : DateOrder.DAY_FIRST;
    }

    static LocalDate date(String text, DateOrder order) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Record has no date (D line)");
        }
        // Quicken pads with spaces: "D 1/ 5' 4"
        String compact = withoutSpaces(text);
        try {
            Matcher iso = YEAR_MONTH_DAY.matcher(compact);
            if (iso.matches()) {
                return LocalDate.of(number(iso.group(1)), number(iso.group(2)), number(iso.group(3)));
            }
            Matcher m = DAY_MONTH_YEAR.matcher(compact);
            if (m.matches()) {
                int year = year(m.group(4), m.group(3).equals("'"), text);
                boolean dayFirst = order != DateOrder.MONTH_FIRST;
                int day = number(dayFirst ? m.group(1) : m.group(2));
                int month = number(dayFirst ? m.group(2) : m.group(1));
                return LocalDate.of(year, month, day);
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Date '" + text + "' is not a real date when read "
                    + (order == DateOrder.MONTH_FIRST ? "month" : "day") + " first");
        }
        throw new IllegalArgumentException("Date '" + text + "' is not a date like 31/01/2024, 31/01/24 or 1/31'24");
    }

    private static int year(String digits, boolean apostrophe, String text) {
        int value = number(digits);
        if (digits.length() == 4) {
            return value;
        }
        if (apostrophe && digits.length() <= 2) {
            return 2000 + value;
        }
        if (digits.length() == 2) {
            return value < CENTURY_PIVOT ? 2000 + value : 1900 + value;
        }
        throw new IllegalArgumentException("Date '" + text + "' has a year of " + digits.length() + " digits");
    }

    /**
     * As written, with the thousands separators taken out: {@code -30,020.00}, {@code 1.234,56}, {@code 12,50}. A
     * comma followed by exactly three digits is read as a thousands separator, as US Quicken writes it.
     */
    static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Record has no amount (T or U line)");
        }
        String compact = withoutSpaces(text);
        String normal;
        if (PLAIN.matcher(compact).matches()) {
            normal = compact;
        } else if (GROUPED_WITH_COMMAS.matcher(compact).matches()) {
            normal = compact.replace(",", "");
        } else if (GROUPED_WITH_POINTS.matcher(compact).matches()) {
            normal = compact.replace(".", "").replace(',', '.');
        } else if (DECIMAL_COMMA.matcher(compact).matches()) {
            normal = compact.replace(',', '.');
        } else {
            throw new IllegalArgumentException("Amount '" + text + "' is not an amount");
        }
        return StatementEntries.atMostFourDecimals(WrittenAmount.parse(normal, "Amount", text), "Amount", text);
    }

    private static String squash(String text) {
        if (text == null) {
            return null;
        }
        String squashed = text.replaceAll("\\s+", " ").strip();
        return squashed.isEmpty() ? null : squashed;
    }

    private static String withoutSpaces(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
