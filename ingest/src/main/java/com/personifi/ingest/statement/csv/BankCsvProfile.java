package com.personifi.ingest.statement.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.personifi.ingest.statement.UnreadableStatementException;
import org.apache.commons.csv.CSVFormat;

/**
 * How one bank lays out its CSV export, saved once by a user and used for every file from that bank after.
 *
 * <p>A plain value of strings, numbers, booleans, lists and enums, so it is stored as JSON and read back unchanged.
 * Blank optional settings take their defaults in the constructor (comma, double quote, UTF-8, a point for decimals,
 * no thousands separator, {@link AmountMode#SIGNED}), so a profile read back from JSON equals the one saved. Nothing
 * is checked on construction: {@link #validate()} lists every problem by field, and {@link #requireValid()} throws
 * them together.
 *
 * <pre>{@code
 * BankCsvProfile equity = BankCsvProfile.builder()
 *         .headerSignature("Transaction Date", "Value Date", "Narrative", "Transaction Reference", "Debit",
 *                 "Credit", "Running Balance")
 *         .dateFormat("dd-MM-yyyy")
 *         .thousandsSeparator(",")
 *         .date(named("Transaction Date"))
 *         .description(named("Narrative"))
 *         .reference(named("Transaction Reference"))
 *         .debitCredit(named("Debit"), named("Credit"))
 *         .balance(named("Running Balance"))
 *         .currency("KES")
 *         .build();
 * List<ProfileError> errors = equity.validate();   // empty
 * boolean mine = equity.matches(firstEightKilobytes); // true for an Equity export, false for others
 * }</pre>
 *
 * @param headerRow          the line (counting from 1) the header row is on; the lines before it are the bank's
 *                           preamble (title, account holder, period) and are skipped. Null to find the header by
 *                           {@code headerSignature} instead
 * @param headerSignature    the header row's cells as the bank writes them; compared trimmed, with runs of
 *                           whitespace as one space and in any case. Looked for in the first 30 lines when
 *                           {@code headerRow} is null, or required on that line when both are given. It is what lets
 *                           {@link #matches(String)} recognise a bank's files by content
 * @param delimiter          {@code ,} {@code ;} {@code \t} or {@code |}; default {@code ,}
 * @param quote              the quote character, default {@code "}; empty for a file that quotes nothing
 * @param encoding           a charset name such as {@code UTF-8} (default) or {@code windows-1252}
 * @param dateFormat         a java.time pattern: {@code dd/MM/yyyy}, {@code yyyy-MM-dd}, {@code dd-MMM-yy},
 *                           {@code dd.MM.yyyy HH:mm}; month names are English in any case; a time in the pattern
 *                           becomes the entry's booking time, and {@code [ HH:mm]} makes it optional
 * @param decimalSeparator   {@code .} (default) or {@code ,}
 * @param thousandsSeparator {@code ,} {@code .} a space {@code '} or empty for none (default)
 * @param amountMode         one signed amount column, or separate money-out and money-in columns
 * @param negateAmounts      default false; true for {@link AmountMode#SIGNED} files written from the bank's side of
 *                           the ledger (card and loan exports: purchases positive, the balance owed positive):
 *                           amounts and balances are both turned round, except that an amount or balance marked CR
 *                           or DR keeps the direction its mark gives
 * @param columns            where each field is
 * @param currency           ISO 4217 code of every entry, or null when the file's currency column (or the account)
 *                           says it
 */
public record BankCsvProfile(Integer headerRow, List<String> headerSignature, String delimiter, String quote,
                             String encoding, String dateFormat, String decimalSeparator, String thousandsSeparator,
                             AmountMode amountMode, Boolean negateAmounts, Columns columns, String currency) {

    public static final String DEFAULT_DELIMITER = ",";
    public static final String DEFAULT_QUOTE = "\"";
    public static final String DEFAULT_ENCODING = "UTF-8";
    public static final String DEFAULT_DECIMAL_SEPARATOR = ".";

    private static final Set<String> DELIMITERS = Set.of(",", ";", "\t", "|");
    private static final Set<String> DECIMAL_SEPARATORS = Set.of(".", ",");
    private static final Set<String> THOUSANDS_SEPARATORS = Set.of("", ",", ".", " ", "'");

    /** How a file gives the amount of an entry. */
    public enum AmountMode {
        /** One column, money in positive and money out negative (or the other way round with negateAmounts). */
        SIGNED,
        /**
         * A money-out (debit) and a money-in (credit) column; one is filled on each row, the other blank or zero. A
         * minus or parentheses in either only restate its direction.
         */
        DEBIT_CREDIT
    }

    /**
     * One column of the file, by its header text (preferred: it survives a bank adding a column) or by its
     * position counting from 0. Exactly one of the two is given.
     */
    public record Column(String name, Integer index) {

        public static Column named(String name) {
            return new Column(name, null);
        }

        public static Column at(int index) {
            return new Column(null, index);
        }

        @Override
        public String toString() {
            return name != null ? "'" + name + "'" : "index " + index;
        }
    }

    /**
     * Where each field of an entry is.
     *
     * @param date         the booking date (required)
     * @param valueDate    read only for rows whose date cell is blank, as their booking date: an entry keeps one date
     * @param description  one or more columns, joined with " / " unless one already says what the other does
     * @param counterparty the other party's name, where the bank gives it a column of its own
     * @param reference    the bank's own id of the entry, used as its source reference
     * @param amount       the signed amount, for {@link AmountMode#SIGNED}
     * @param debit        money out, for {@link AmountMode#DEBIT_CREDIT}
     * @param credit       money in, for {@link AmountMode#DEBIT_CREDIT}
     * @param balance      the running balance after the entry
     * @param currency     the entry's ISO 4217 code, where the file has a column for it
     */
    public record Columns(Column date, Column valueDate, List<Column> description, Column counterparty,
                          Column reference, Column amount, Column debit, Column credit, Column balance,
                          Column currency) {

        public Columns {
            description = description == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(description));
        }
    }

    public BankCsvProfile {
        headerSignature = headerSignature == null ? null
                : Collections.unmodifiableList(new ArrayList<>(headerSignature));
        delimiter = orDefault(delimiter, DEFAULT_DELIMITER);
        quote = quote == null ? DEFAULT_QUOTE : quote;
        encoding = orDefault(encoding, DEFAULT_ENCODING);
        decimalSeparator = orDefault(decimalSeparator, DEFAULT_DECIMAL_SEPARATOR);
        thousandsSeparator = thousandsSeparator == null ? "" : thousandsSeparator;
        amountMode = amountMode == null ? AmountMode.SIGNED : amountMode;
        negateAmounts = Boolean.TRUE.equals(negateAmounts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this profile's settings, to make a variant of it. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Every problem with this profile, each on the field to change; empty when it can read files. */
    public List<ProfileError> validate() {
        return new ProfileValidation(this).errors();
    }

    /** This profile, if it can read files. */
    public BankCsvProfile requireValid() {
        List<ProfileError> errors = validate();
        if (!errors.isEmpty()) {
            throw new InvalidBankCsvProfileException(errors);
        }
        return this;
    }

    /**
     * True when a file's start is laid out as this profile says: its header row is where the profile expects it
     * and, with no signature saved, has every column the profile names. A profile whose columns are all by index
     * and that has no signature recognises nothing. An invalid profile matches nothing.
     *
     * @param head the file's first 8 KB or so, decoded in this profile's encoding: a windows-1252 header with
     *             accented letters ({@code Libellé}) does not match once decoded as UTF-8, so prefer
     *             {@link #matches(byte[])} where the bytes are at hand
     */
    public boolean matches(String head) {
        if (!validate().isEmpty()) {
            return false;
        }
        try (BufferedReader reader = new BufferedReader(new StringReader(head))) {
            HeaderLine header = HeaderLine.find(reader, this);
            if (headerSignature != null) {
                return true;
            }
            List<String> names = namedColumns();
            return !names.isEmpty() && names.stream().allMatch(name -> header.indexOf(name) >= 0);
        } catch (UnreadableStatementException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #matches(String)} on the file's first bytes, decoded in this profile's encoding. */
    public boolean matches(byte[] head) {
        return validate().isEmpty() && matches(new String(head, charset()));
    }

    Charset charset() {
        return Charset.forName(encoding);
    }

    CSVFormat csvFormat() {
        return CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setQuote(quote.isEmpty() ? null : quote.charAt(0))
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(true)
                .get();
    }

    /** Columns by the JSON path of their field, in a fixed order; absent ones left out. */
    Map<String, Column> mappedColumns() {
        Map<String, Column> mapped = new LinkedHashMap<>();
        if (columns == null) {
            return mapped;
        }
        put(mapped, "columns.date", columns.date());
        put(mapped, "columns.valueDate", columns.valueDate());
        for (int i = 0; i < columns.description().size(); i++) {
            put(mapped, "columns.description[" + i + "]", columns.description().get(i));
        }
        put(mapped, "columns.counterparty", columns.counterparty());
        put(mapped, "columns.reference", columns.reference());
        put(mapped, "columns.amount", columns.amount());
        put(mapped, "columns.debit", columns.debit());
        put(mapped, "columns.credit", columns.credit());
        put(mapped, "columns.balance", columns.balance());
        put(mapped, "columns.currency", columns.currency());
        return mapped;
    }

    private List<String> namedColumns() {
        return mappedColumns().values().stream().map(Column::name).filter(n -> n != null).toList();
    }

    private static void put(Map<String, Column> mapped, String path, Column column) {
        if (column != null) {
            mapped.put(path, column);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** The checks behind {@link #validate()}, one method per concern. */
    private static final class ProfileValidation {

        private final BankCsvProfile profile;
        private final List<ProfileError> errors = new ArrayList<>();

        ProfileValidation(BankCsvProfile profile) {
            this.profile = profile;
        }

        List<ProfileError> errors() {
            header();
            text();
            dates();
            numbers();
            columns();
            currency();
            return List.copyOf(errors);
        }

        private void error(String field, String message) {
            errors.add(new ProfileError(field, message));
        }

        private void header() {
            Integer row = profile.headerRow();
            List<String> signature = profile.headerSignature();
            if (row == null && signature == null) {
                error("headerRow", "give the header row's line number (headerRow) or its cells (headerSignature)");
            }
            if (row != null && row < 1) {
                error("headerRow", "must be 1 or more: the header's line number, the first line being 1");
            }
            if (signature != null && signature.stream().allMatch(cell -> cell == null || cell.isBlank())) {
                error("headerSignature", "must have the header row's cells, at least one of them not blank");
            }
        }

        private void text() {
            if (!DELIMITERS.contains(profile.delimiter())) {
                error("delimiter", "must be one of , ; | or a tab, not '" + profile.delimiter() + "'");
            }
            if (profile.quote().length() > 1) {
                error("quote", "must be one character (usually \"), or empty when the file quotes nothing");
            } else if (profile.quote().equals(profile.delimiter())) {
                error("quote", "cannot be the delimiter");
            }
            try {
                if (!Charset.isSupported(profile.encoding())) {
                    error("encoding", unknownCharset());
                }
            } catch (IllegalCharsetNameException e) {
                error("encoding", unknownCharset());
            }
        }

        private String unknownCharset() {
            return "'" + profile.encoding() + "' is not a character set this system knows: use a name such as "
                    + "UTF-8 or windows-1252";
        }

        private void dates() {
            if (profile.dateFormat() == null || profile.dateFormat().isBlank()) {
                error("dateFormat", "is required: the java.time pattern of the date column, like dd/MM/yyyy");
                return;
            }
            try {
                DateNotation.of(profile.dateFormat());
            } catch (IllegalArgumentException e) {
                error("dateFormat", e.getMessage());
            }
        }

        private void numbers() {
            String decimal = profile.decimalSeparator();
            String thousands = profile.thousandsSeparator();
            if (!DECIMAL_SEPARATORS.contains(decimal)) {
                error("decimalSeparator", "must be . or , not '" + decimal + "'");
            }
            if (!THOUSANDS_SEPARATORS.contains(thousands)) {
                error("thousandsSeparator", "must be , . a space ' or empty for none, not '" + thousands + "'");
            } else if (thousands.equals(decimal)) {
                error("thousandsSeparator", "cannot be the decimal separator '" + decimal + "'");
            }
        }

        private void columns() {
            Columns columns = profile.columns();
            if (columns == null) {
                error("columns", "are required: at least the date, the description and the amount columns");
                return;
            }
            if (columns.date() == null) {
                error("columns.date", "is required");
            }
            if (columns.description().isEmpty()) {
                error("columns.description", "needs at least one column");
            }
            amounts(columns);
            profile.mappedColumns().forEach(this::column);
            sameColumnTwice();
        }

        private void amounts(Columns columns) {
            if (profile.amountMode() == AmountMode.SIGNED) {
                if (columns.amount() == null) {
                    error("columns.amount", "is required when amountMode is SIGNED");
                }
                if (columns.debit() != null) {
                    error("columns.debit", "is only for amountMode DEBIT_CREDIT; with SIGNED, map columns.amount");
                }
                if (columns.credit() != null) {
                    error("columns.credit", "is only for amountMode DEBIT_CREDIT; with SIGNED, map columns.amount");
                }
            } else {
                if (columns.debit() == null) {
                    error("columns.debit", "is required when amountMode is DEBIT_CREDIT: the money-out column");
                }
                if (columns.credit() == null) {
                    error("columns.credit", "is required when amountMode is DEBIT_CREDIT: the money-in column");
                }
                if (columns.amount() != null) {
                    error("columns.amount", "is only for amountMode SIGNED; with DEBIT_CREDIT, map columns.debit "
                            + "and columns.credit");
                }
                if (profile.negateAmounts()) {
                    error("negateAmounts", "is only for amountMode SIGNED: debit and credit columns already say "
                            + "which way the money went");
                }
            }
        }

        private void column(String path, Column column) {
            boolean named = column.name() != null;
            boolean indexed = column.index() != null;
            if (named == indexed) {
                error(path, "give the column's header name or its index (from 0), one of the two");
            } else if (named && column.name().isBlank()) {
                error(path, "the header name cannot be blank");
            } else if (indexed && column.index() < 0) {
                error(path, "the index counts from 0 and cannot be negative");
            } else if (profile.headerSignature() != null) {
                List<String> signature = HeaderLine.normalized(profile.headerSignature());
                if (named && !signature.contains(HeaderLine.normalize(column.name()))) {
                    error(path, column + " is not one of the header cells in headerSignature");
                }
                if (indexed && column.index() >= signature.size()) {
                    error(path, "index " + column.index() + " is past the " + signature.size()
                            + " cells of headerSignature");
                }
            }
        }

        /** Two money or date fields read from one column would silently read the same figure twice. */
        private void sameColumnTwice() {
            Map<String, String> seen = new LinkedHashMap<>();
            for (String path : List.of("columns.date", "columns.amount", "columns.debit", "columns.credit",
                    "columns.balance")) {
                Column column = profile.mappedColumns().get(path);
                if (column == null || (column.name() == null) == (column.index() == null)) {
                    continue;
                }
                String key = column.name() != null ? "name:" + HeaderLine.normalize(column.name())
                        : "index:" + column.index();
                String earlier = seen.putIfAbsent(key, path);
                if (earlier != null) {
                    error(path, "is the same column as " + earlier);
                }
            }
        }

        private void currency() {
            String currency = profile.currency();
            if (currency != null && !currency.matches("[A-Z]{3}")) {
                error("currency", "must be a three-letter ISO 4217 code in capitals, like KES, NGN or ZAR");
            }
        }
    }

    /** Builds a profile field by field; anything not set takes its default, or stays absent. */
    public static final class Builder {

        private Integer headerRow;
        private List<String> headerSignature;
        private String delimiter;
        private String quote;
        private String encoding;
        private String dateFormat;
        private String decimalSeparator;
        private String thousandsSeparator;
        private AmountMode amountMode;
        private boolean negateAmounts;
        private String currency;
        private Column date;
        private Column valueDate;
        private List<Column> description = List.of();
        private Column counterparty;
        private Column reference;
        private Column amount;
        private Column debit;
        private Column credit;
        private Column balance;
        private Column currencyColumn;

        private Builder() {
        }

        private Builder(BankCsvProfile profile) {
            headerRow = profile.headerRow();
            headerSignature = profile.headerSignature();
            delimiter = profile.delimiter();
            quote = profile.quote();
            encoding = profile.encoding();
            dateFormat = profile.dateFormat();
            decimalSeparator = profile.decimalSeparator();
            thousandsSeparator = profile.thousandsSeparator();
            amountMode = profile.amountMode();
            negateAmounts = profile.negateAmounts();
            currency = profile.currency();
            Columns columns = profile.columns();
            if (columns != null) {
                date = columns.date();
                valueDate = columns.valueDate();
                description = columns.description();
                counterparty = columns.counterparty();
                reference = columns.reference();
                amount = columns.amount();
                debit = columns.debit();
                credit = columns.credit();
                balance = columns.balance();
                currencyColumn = columns.currency();
            }
        }

        public Builder headerRow(Integer line) {
            this.headerRow = line;
            return this;
        }

        public Builder headerSignature(String... cells) {
            this.headerSignature = cells == null ? null : Arrays.asList(cells);
            return this;
        }

        public Builder delimiter(String delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        public Builder quote(String quote) {
            this.quote = quote;
            return this;
        }

        public Builder encoding(String encoding) {
            this.encoding = encoding;
            return this;
        }

        public Builder dateFormat(String pattern) {
            this.dateFormat = pattern;
            return this;
        }

        public Builder decimalSeparator(String separator) {
            this.decimalSeparator = separator;
            return this;
        }

        public Builder thousandsSeparator(String separator) {
            this.thousandsSeparator = separator;
            return this;
        }

        /** {@link AmountMode#SIGNED}, read from this column. */
        public Builder signedAmount(Column column) {
            this.amountMode = AmountMode.SIGNED;
            this.amount = column;
            this.debit = null;
            this.credit = null;
            return this;
        }

        /** {@link AmountMode#DEBIT_CREDIT}, money out from the first column and money in from the second. */
        public Builder debitCredit(Column moneyOut, Column moneyIn) {
            this.amountMode = AmountMode.DEBIT_CREDIT;
            this.amount = null;
            this.debit = moneyOut;
            this.credit = moneyIn;
            return this;
        }

        /** Sets the mode alone, leaving the amount columns as they are (a profile being edited may disagree). */
        public Builder amountMode(AmountMode mode) {
            this.amountMode = mode;
            return this;
        }

        public Builder negateAmounts(boolean negate) {
            this.negateAmounts = negate;
            return this;
        }

        public Builder date(Column column) {
            this.date = column;
            return this;
        }

        public Builder valueDate(Column column) {
            this.valueDate = column;
            return this;
        }

        public Builder description(Column... columns) {
            this.description = columns == null ? List.of() : Arrays.asList(columns);
            return this;
        }

        public Builder counterparty(Column column) {
            this.counterparty = column;
            return this;
        }

        public Builder reference(Column column) {
            this.reference = column;
            return this;
        }

        public Builder amount(Column column) {
            this.amount = column;
            return this;
        }

        public Builder debit(Column column) {
            this.debit = column;
            return this;
        }

        public Builder credit(Column column) {
            this.credit = column;
            return this;
        }

        public Builder balance(Column column) {
            this.balance = column;
            return this;
        }

        public Builder currencyColumn(Column column) {
            this.currencyColumn = column;
            return this;
        }

        /** The fixed ISO 4217 code of every entry. */
        public Builder currency(String code) {
            this.currency = code;
            return this;
        }

        public BankCsvProfile build() {
            Columns columns = new Columns(date, valueDate, description, counterparty, reference, amount, debit,
                    credit, balance, currencyColumn);
            return new BankCsvProfile(headerRow, headerSignature, delimiter, quote, encoding, dateFormat,
                    decimalSeparator, thousandsSeparator, amountMode, negateAmounts, columns, currency);
        }
    }
}
