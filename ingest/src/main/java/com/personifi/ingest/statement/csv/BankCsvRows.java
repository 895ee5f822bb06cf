package com.personifi.ingest.statement.csv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.personifi.ingest.statement.StatementEntries;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementSink;
import com.personifi.ingest.statement.csv.AmountNotation.Reading;
import com.personifi.ingest.statement.csv.BankCsvProfile.AmountMode;

/** Turns the rows after the header into entries, rejects, and balance mismatches, one row at a time. */
final class BankCsvRows {

    /** Only rejected rows are ever shown, so a runaway one is cut rather than held whole. */
    private static final int MAX_RAW = 2000;

    private final BankCsvProfile profile;
    private final HeaderLine header;
    private final List<String> headerCells;
    private final ColumnLayout columns;
    private final String account;
    private final StatementSink sink;
    private final DateNotation dates;
    private final AmountNotation amounts;
    private final BalanceCheck balances = new BalanceCheck();
    private final Map<String, Integer> refs = new HashMap<>();

    BankCsvRows(BankCsvProfile profile, HeaderLine header, ColumnLayout columns, String account,
                StatementSink sink) {
        this.profile = profile;
        this.header = header;
        this.headerCells = HeaderLine.normalized(header.cells());
        this.columns = columns;
        this.account = account;
        this.sink = sink;
        this.dates = DateNotation.of(profile.dateFormat());
        this.amounts = new AmountNotation(profile.decimalSeparator(), profile.thousandsSeparator());
    }

    /** One record of the file, starting on {@code line}. */
    void row(int line, List<String> cells) {
        if (cells.stream().allMatch(String::isBlank)) {
            // a blank line (or one of delimiters only) says nothing
            return;
        }
        if (HeaderLine.normalized(cells).equals(headerCells)) {
            // exports cut into pages repeat the header on each
            return;
        }
        String raw = raw(cells);
        try {
            read(line, raw, cells);
        } catch (IllegalArgumentException e) {
            balances.broken();
            sink.reject(line, raw, e.getMessage());
        }
    }

    private void read(int line, String raw, List<String> cells) {
        checkWidth(cells);
        DateNotation.Parsed date = null;
        BigDecimal amount = null;
        BigDecimal balance = null;
        IllegalArgumentException problem = null;
        try {
            date = date(cells);
        } catch (IllegalArgumentException e) {
            problem = e;
        }
        IllegalArgumentException amountProblem = null;
        try {
            amount = amount(cells);
        } catch (IllegalArgumentException e) {
            amountProblem = e;
            problem = problem == null ? e : problem;
        }
        try {
            balance = balance(cells);
        } catch (IllegalArgumentException e) {
            problem = problem == null ? e : problem;
        }
        if (amountProblem == null && amount == null && balance != null) {
            balanceLine(line, raw, date == null ? null : date.date(), balance);
            return;
        }
        if (problem != null) {
            throw problem;
        }
        if (amount == null) {
            throw new IllegalArgumentException(noAmount());
        }
        String currency = currency(cells);
        String counterparty = text(cells, columns.counterparty);
        String description = StatementEntries.describe(counterparty, description(cells));
        String sourceRef = sourceRef(cells, date, amount, description, balance);
        sink.entry(new StatementEntry(line, sourceRef, date.date(), date.bookedAt(), amount, currency, description,
                counterparty, balance));
        String mismatch = balances.next(date.date(), amount, balance);
        if (mismatch != null) {
            sink.reject(line, raw, mismatch + " (the entry is kept; check the statement)");
        }
    }

    /**
     * A row with a balance and no amount: the bank's opening, brought-forward, carried-forward or closing balance
     * line. It moves no money, so it is no entry; when its balance agrees with the rows around it, it is passed over
     * silently. When it does not, an amount is missing, and the row is rejected saying so.
     */
    private void balanceLine(int line, String raw, LocalDate date, BigDecimal balance) {
        String mismatch = balances.next(date, BigDecimal.ZERO, balance);
        if (mismatch != null) {
            sink.reject(line, raw, noAmount() + ", and the balance changed: " + mismatch);
        }
    }

    private void checkWidth(List<String> cells) {
        int width = columns.width;
        if (cells.size() < width) {
            throw new IllegalArgumentException("Row has " + cells.size() + (cells.size() == 1 ? " cell" : " cells")
                    + ", where the header on line "
                    + header.line() + " has " + width + " (a total or footer line?)");
        }
        for (int i = width; i < cells.size(); i++) {
            if (!cells.get(i).isBlank()) {
                throw new IllegalArgumentException("Row has " + cells.size() + " cells, more than the " + width
                        + " of the header on line " + header.line() + " (a delimiter inside an unquoted text?)");
            }
        }
    }

    /** The date column, or the value date where the date cell is blank. */
    private DateNotation.Parsed date(List<String> cells) {
        String text = cell(cells, columns.date);
        int column = columns.date;
        if (text.isEmpty() && columns.valueDate != ColumnLayout.NONE && !cell(cells, columns.valueDate).isEmpty()) {
            column = columns.valueDate;
            text = cell(cells, column);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException(columns.label(columns.date) + " is empty");
        }
        return dates.parse(text, columns.label(column));
    }

    /** Signed from the account's side; null when the row moves no money (amount cells blank or zero). */
    private BigDecimal amount(List<String> cells) {
        if (profile.amountMode() == AmountMode.SIGNED) {
            Reading reading = amounts.read(cell(cells, columns.amount), columns.label(columns.amount));
            if (reading == null || reading.value().signum() == 0) {
                return null;
            }
            return profile.negateAmounts() && !reading.marked() ? reading.value().negate() : reading.value();
        }
        BigDecimal out = magnitude(cells, columns.debit);
        BigDecimal in = magnitude(cells, columns.credit);
        if (out != null && in != null) {
            throw new IllegalArgumentException("Both " + columns.label(columns.debit) + " ("
                    + cell(cells, columns.debit) + ") and " + columns.label(columns.credit) + " ("
                    + cell(cells, columns.credit) + ") have an amount, so which way the money went is unclear");
        }
        return out != null ? out.negate() : in;
    }

    /** The cell's amount without its sign; null for blank or zero. */
    private BigDecimal magnitude(List<String> cells, int column) {
        Reading reading = amounts.read(cell(cells, column), columns.label(column));
        return reading == null || reading.value().signum() == 0 ? null : reading.value().abs();
    }

    private BigDecimal balance(List<String> cells) {
        if (columns.balance == ColumnLayout.NONE) {
            return null;
        }
        Reading reading = amounts.read(cell(cells, columns.balance), columns.label(columns.balance));
        if (reading == null) {
            return null;
        }
        return profile.negateAmounts() && !reading.marked() ? reading.value().negate() : reading.value();
    }

    private String noAmount() {
        return profile.amountMode() == AmountMode.SIGNED
                ? "No amount: " + columns.label(columns.amount) + " is empty or zero"
                : "No amount: " + columns.label(columns.debit) + " and " + columns.label(columns.credit)
                        + " are both empty or zero";
    }

    private String currency(List<String> cells) {
        String code = text(cells, columns.currency);
        if (code == null) {
            return profile.currency();
        }
        if (!code.matches("[A-Za-z]{3}")) {
            throw new IllegalArgumentException(columns.label(columns.currency) + " '" + code
                    + "' is not a three-letter currency code");
        }
        return code.toUpperCase(Locale.ROOT);
    }

    /** The description columns in order, each joined on only when it says something the others do not. */
    private String description(List<String> cells) {
        String description = null;
        for (int column : columns.description) {
            description = StatementEntries.describe(description, text(cells, column));
        }
        return description;
    }

    /**
     * The bank's reference where the profile maps one and the row has it; otherwise a hash of what the row says.
     * Either way a repeat within the file is numbered in file order (a transfer and its fee often share the bank's
     * reference; two equal purchases on one day share their content), so re-importing the same file gives the same
     * references.
     */
    private String sourceRef(List<String> cells, DateNotation.Parsed date, BigDecimal amount, String description,
                             BigDecimal balance) {
        String base = text(cells, columns.reference);
        if (base == null) {
            String when = date.bookedAt() != null ? date.bookedAt().toString() : date.date().toString();
            String content = nullToEmpty(account) + "|" + when + "|" + amount.stripTrailingZeros().toPlainString()
                    + "|" + nullToEmpty(description) + "|"
                    + (balance == null ? "" : balance.stripTrailingZeros().toPlainString());
            base = "csv-" + StatementEntries.contentHash(content);
        }
        int occurrence = refs.merge(base, 1, Integer::sum);
        return occurrence == 1 ? base : base + ":" + occurrence;
    }

    private static String cell(List<String> cells, int column) {
        return column == ColumnLayout.NONE || column >= cells.size() ? "" : cells.get(column).strip();
    }

    /** The cell with whitespace runs as one space; null when blank. */
    private static String text(List<String> cells, int column) {
        String squashed = cell(cells, column).replaceAll("\\s+", " ").strip();
        return squashed.isEmpty() ? null : squashed;
    }

    /** The row as the file has it, near enough for a person to find: cells quoted where they need it. */
    private String raw(List<String> cells) {
        StringBuilder raw = new StringBuilder();
        String delimiter = profile.delimiter();
        String quote = profile.quote().isEmpty() ? "\"" : profile.quote();
        for (int i = 0; i < cells.size() && raw.length() <= MAX_RAW; i++) {
            String cell = cells.get(i);
            raw.append(i == 0 ? "" : delimiter);
            boolean quoted = cell.contains(delimiter) || cell.contains(quote) || cell.contains("\n")
                    || cell.contains("\r");
            raw.append(quoted ? quote + cell.replace(quote, quote + quote) + quote : cell);
        }
        return raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) : raw.toString();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
