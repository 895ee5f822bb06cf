package com.personifi.ingest.statement.mt940;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.personifi.ingest.statement.StatementEntries;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.StatementSink;
import com.personifi.ingest.statement.WrittenAmount;

/**
 * SWIFT MT940 customer statements as banks actually export them: several statements per file, bank header lines
 * before {@code :20:}, optional FIN blocks, wrapped {@code :86:} text with or without {@code ?NN} subfields.
 * <p>
 * A line-oriented parser of our own rather than Prowide's: its MT940 model needs a strict FIN envelope that bank
 * exports rarely have, and its Field61 splits a malformed line into plausible-looking garbage instead of failing,
 * where we must reject that line.
 * <p>
 * Reads line by line; only the current statement is held, because its header (with the closing balance) has to
 * reach the sink before its entries. Each statement is checked: opening + entries must equal closing, and a
 * difference is reported as a reject without holding back the entries.
 */
public final class Mt940Statement {

    private static final Pattern TAG = Pattern.compile("^:(\\d{2}[A-Z]?):(.*)$");
    /** End of a statement: "-", "-}" (FIN block 4), "-XXX", "-}{5:...}". */
    private static final Pattern SEPARATOR = Pattern.compile("^-(}.*|[A-Z0-9]{0,4})$");
    private static final Pattern BALANCE =
            Pattern.compile("(?<mark>[CD])(?<date>\\d{6})(?<currency>[A-Z]{3})(?<amount>\\d{1,14},\\d*)");
    private static final Pattern STATEMENT_LINE = Pattern.compile(
            "(?<valueDate>\\d{6})(?<entryDate>\\d{4})?(?<mark>RC|RD|C|D)(?<funds>[A-Z])?(?<amount>\\d{1,14},\\d*)"
                    + "(?<type>[NSF][A-Z0-9]{3})(?<customerRef>.*?)(?://(?<bankRef>.*))?");
    private static final Pattern STRUCTURED_INFORMATION = Pattern.compile("^\\d{3}\\?");
    private static final Pattern SUBFIELD = Pattern.compile("\\?(\\d{2})");
    /** German GVC 999: what follows the code is free text. */
    private static final Pattern UNSTRUCTURED_CODE = Pattern.compile("^999(?!\\?)");
    private static final String NO_REFERENCE = "NONREF";

    private Mt940Statement() {
    }

    /** True when the head of a file has the tags every MT940 statement starts with. */
    public static boolean looksLikeMt940(String head) {
        return Pattern.compile("(?m)^:20:").matcher(head).find()
                && Pattern.compile("(?m)^:25:").matcher(head).find()
                && Pattern.compile("(?m)^:60[FM]:").matcher(head).find();
    }

    public static void read(Reader source, StatementSink sink) {
        FileState file = new FileState(sink);
        try (BufferedReader reader = new BufferedReader(source, 1 << 16)) {
            String text;
            int lineNumber = 0;
            while ((text = reader.readLine()) != null) {
                lineNumber++;
                file.accept(lineNumber, unwrapFinBlock(stripBom(text).stripTrailing()));
            }
            file.endOfStatement();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read MT940 statement", e);
        }
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** "{1:...}{2:...}{4::20:REF" carries the first tag on the envelope's own line. */
    private static String unwrapFinBlock(String line) {
        int block4 = line.indexOf("{4:");
        return line.startsWith("{") && block4 >= 0 ? line.substring(block4 + 3) : line;
    }

    /** One tag and the lines that continue it. */
    private record Field(String tag, int line, List<String> lines) {

        String first() {
            return lines.get(0);
        }

        String raw() {
            return ":" + tag + ":" + String.join("\n", lines);
        }

        List<String> continuation() {
            return lines.subList(1, lines.size());
        }
    }

    /** Reading state across the whole file: the statement being collected and the sourceRefs handed out. */
    private static final class FileState {

        private final StatementSink sink;
        private final Map<String, Integer> seenRefs = new HashMap<>();
        private List<Field> statement;
        private Field current;

        FileState(StatementSink sink) {
            this.sink = sink;
        }

        void accept(int lineNumber, String line) {
            if (line.isBlank()) {
                return;
            }
            if (SEPARATOR.matcher(line).matches()) {
                endOfStatement();
                return;
            }
            Matcher tag = TAG.matcher(line);
            if (tag.matches()) {
                if ("20".equals(tag.group(1))) {
                    endOfStatement();
                }
                if (statement == null) {
                    statement = new ArrayList<>();
                }
                current = new Field(tag.group(1), lineNumber, new ArrayList<>(List.of(tag.group(2))));
                statement.add(current);
            } else if (current != null) {
                current.lines().add(line);
            }
            // anything else outside a statement is a bank's header line (ABNANL2A, 940, {1:...}): not ours to read
        }

        void endOfStatement() {
            if (statement != null) {
                new StatementReading(statement, seenRefs, sink).read();
            }
            statement = null;
            current = null;
        }
    }

    /** One statement's fields turned into a header, its entries, and the balance check. */
    private static final class StatementReading {

        private final List<Field> fields;
        private final Map<String, Integer> seenRefs;
        private final StatementSink sink;
        private final List<Consumer<StatementSink>> events = new ArrayList<>();
        private String account;
        private Balance opening;
        private Balance closing;
        private Field closingField;
        private BigDecimal entriesTotal = BigDecimal.ZERO;

        StatementReading(List<Field> fields, Map<String, Integer> seenRefs, StatementSink sink) {
            this.fields = fields;
            this.seenRefs = seenRefs;
            this.sink = sink;
        }

        void read() {
            for (int i = 0; i < fields.size(); i++) {
                Field field = fields.get(i);
                switch (field.tag()) {
                    case "25" -> account = field.first().strip();
                    case "60F", "60M" -> opening = balance(field, "opening");
                    case "62F", "62M" -> {
                        closing = balance(field, "closing");
                        closingField = field;
                    }
                    case "61" -> statementLine(field, informationAfter(i));
                    default -> {
                        // :20:, :21:, :28C:, :64:, :65: and a statement-level :86: carry nothing we book
                    }
                }
            }
            sink.statement(new StatementHeader(fields.get(0).line(), account, currency(),
                    opening == null ? null : opening.amount(), opening == null ? null : opening.date(),
                    closing == null ? null : closing.amount(), closing == null ? null : closing.date()));
            events.forEach(event -> event.accept(sink));
            checkBalances();
        }

        private Field informationAfter(int index) {
            boolean hasNext = index + 1 < fields.size() && "86".equals(fields.get(index + 1).tag());
            return hasNext ? fields.get(index + 1) : null;
        }

        private Balance balance(Field field, String which) {
            Matcher m = BALANCE.matcher(field.first().strip());
            if (!m.matches()) {
                events.add(s -> s.reject(field.line(), field.raw(), "The " + which
                        + " balance is not like C240131EUR1234,56"));
                return null;
            }
            try {
                BigDecimal amount = signed(m.group("mark"), amount(m.group("amount")));
                return new Balance(amount, m.group("currency"), date(m.group("date")));
            } catch (IllegalArgumentException | DateTimeException e) {
                events.add(s -> s.reject(field.line(), field.raw(), "The " + which + " balance: " + e.getMessage()));
                return null;
            }
        }

        private void statementLine(Field field, Field information) {
            Matcher m = STATEMENT_LINE.matcher(field.first().strip());
            if (!m.matches()) {
                events.add(s -> s.reject(field.line(), field.raw(), "Statement line (:61:) is not like "
                        + "240131[0131]D1234,56NTRFreference[//bankreference]"));
                return;
            }
            LocalDate valueDate;
            LocalDate bookingDate;
            try {
                valueDate = date(m.group("valueDate"));
                bookingDate = m.group("entryDate") == null ? valueDate : entryDate(valueDate, m.group("entryDate"));
            } catch (DateTimeException e) {
                events.add(s -> s.reject(field.line(), field.raw(), "Statement line (:61:) has no valid date: "
                        + e.getMessage()));
                return;
            }
            BigDecimal amount;
            try {
                amount = signed(m.group("mark"), amount(m.group("amount")));
            } catch (IllegalArgumentException e) {
                events.add(s -> s.reject(field.line(), field.raw(), "Statement line (:61:): " + e.getMessage()));
                return;
            }
            Information info = information == null ? Information.NONE : Information.parse(information.lines());
            String customerRef = reference(m.group("customerRef"));
            String bankRef = reference(m.group("bankRef"));
            String supplementary = clean(String.join(" ", field.continuation()));
            String description = firstPresent(info.description(), supplementary, customerRef);
            String sourceRef = uniqueRef(firstPresent(bankRef, customerRef,
                    contentHash(valueDate, amount, info.text())));
            entriesTotal = entriesTotal.add(amount);
            // the closing balance, which may be the only one naming the currency, comes after the lines
            events.add(s -> s.entry(new StatementEntry(field.line(), sourceRef, bookingDate, null, amount,
                    currency(), description, info.counterparty(), null)));
        }

        private String currency() {
            return opening != null ? opening.currency() : closing != null ? closing.currency() : null;
        }

        /** Identical lines in one file (two equal card payments on a day) stay distinct, numbered in file order. */
        private String uniqueRef(String base) {
            int occurrence = seenRefs.merge(base, 1, Integer::sum);
            return occurrence == 1 ? base : base + ":" + occurrence;
        }

        private String contentHash(LocalDate valueDate, BigDecimal amount, String information) {
            String content = account + "|" + valueDate + "|" + amount.toPlainString() + "|" + information;
            return "mt940-" + StatementEntries.contentHash(content);
        }

        private void checkBalances() {
            if (opening == null || closing == null) {
                return;
            }
            BigDecimal expected = opening.amount().add(entriesTotal);
            if (expected.compareTo(closing.amount()) != 0 || !opening.currency().equals(closing.currency())) {
                sink.reject(closingField.line(), closingField.raw(), "Opening balance "
                        + opening.amount().toPlainString() + " plus entries " + entriesTotal.toPlainString()
                        + " makes " + expected.toPlainString() + " " + opening.currency()
                        + ", but the closing balance is " + closing.amount().toPlainString() + " "
                        + closing.currency());
            }
        }
    }

    private record Balance(BigDecimal amount, String currency, LocalDate date) {
    }

    /** What {@code :86:} says about an entry: text to show, the other party, and the whole text for hashing. */
    private record Information(String description, String counterparty, String text) {

        static final Information NONE = new Information(null, null, "");

        static Information parse(List<String> lines) {
            List<String> cleaned = lines.stream().map(Mt940Statement::withoutControlCharacters).toList();
            String first = cleaned.get(0).stripLeading();
            return STRUCTURED_INFORMATION.matcher(first).find() ? structured(cleaned) : unstructured(cleaned);
        }

        /**
         * Subfields ?20..?29 (purpose) and ?32/?33 (name) are fixed-width pieces of one text, cut without regard
         * to words ("OPORNIKI-5" + "00 SZT", "Gehalt Oktob" + "er"), and even a "?22" marker may be cut across
         * lines; so lines and subfields are joined as they are, without adding spaces.
         */
        private static Information structured(List<String> lines) {
            String joined = String.join("", lines).stripLeading();
            Map<Integer, StringBuilder> subfields = new TreeMap<>();
            Matcher m = SUBFIELD.matcher(joined);
            int key = -1;
            int valueStart = 0;
            while (m.find()) {
                if (key >= 0) {
                    subfields.computeIfAbsent(key, k -> new StringBuilder()).append(joined, valueStart, m.start());
                }
                key = Integer.parseInt(m.group(1));
                valueStart = m.end();
            }
            if (key >= 0) {
                subfields.computeIfAbsent(key, k -> new StringBuilder()).append(joined.substring(valueStart));
            }
            String purpose = clean(joinRange(subfields, 20, 29));
            String postingText = clean(joinRange(subfields, 0, 0));
            return new Information(firstPresent(purpose, postingText), clean(joinRange(subfields, 32, 33)),
                    clean(joined));
        }

        private static String joinRange(Map<Integer, StringBuilder> subfields, int from, int to) {
            StringBuilder text = new StringBuilder();
            subfields.forEach((key, value) -> {
                if (key >= from && key <= to) {
                    text.append(value);
                }
            });
            return text.toString();
        }

        /** Free text: here a line is the bank's own layout, so lines become words. */
        private static Information unstructured(List<String> lines) {
            String text = clean(String.join(" ", lines));
            String description = text == null ? null : clean(UNSTRUCTURED_CODE.matcher(text).replaceFirst(""));
            return new Information(description, null, text == null ? "" : text);
        }
    }

    /**
     * TAB becomes a space. A soft hyphen (U+00AD) in bank text stands for a hyphen the bank's character set mapped
     * there ("10­06­2010"), so it becomes one rather than vanishing and gluing the digits together.
     */
    private static String withoutControlCharacters(String line) {
        return line.replace('\t', ' ').replace('\u00AD', '-');
    }

    /** Whitespace runs become one space; blank becomes null. */
    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = withoutControlCharacters(text).replaceAll("\\s+", " ").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static String reference(String text) {
        String ref = text == null ? null : text.strip();
        return ref == null || ref.isEmpty() || NO_REFERENCE.equalsIgnoreCase(ref) ? null : ref;
    }

    private static String firstPresent(String... candidates) {
        return Stream.of(candidates).filter(c -> c != null && !c.isBlank()).findFirst().orElse(null);
    }

    /** "1234,56" and "11,8" and "9," exactly as written. */
    private static BigDecimal amount(String text) {
        return WrittenAmount.parse(text.replace(',', '.'), "Amount", text);
    }

    /** RC (reversal of a credit) takes money out; RD (reversal of a debit) puts it back. */
    private static BigDecimal signed(String mark, BigDecimal amount) {
        return mark.equals("D") || mark.equals("RC") ? amount.negate() : amount;
    }

    /** YYMMDD; years 80..99 are the 1900s, the rest this century. */
    private static LocalDate date(String yymmdd) {
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int year = yy >= 80 ? 1900 + yy : 2000 + yy;
        return LocalDate.of(year, Integer.parseInt(yymmdd.substring(2, 4)), Integer.parseInt(yymmdd.substring(4, 6)));
    }

    /** MMDD without a year: the year that puts it nearest the value date (a Dec 31 value booked on Jan 2). */
    private static LocalDate entryDate(LocalDate valueDate, String mmdd) {
        int month = Integer.parseInt(mmdd.substring(0, 2));
        int day = Integer.parseInt(mmdd.substring(2, 4));
        return Stream.of(valueDate.getYear() - 1, valueDate.getYear(), valueDate.getYear() + 1)
                .map(year -> validDate(year, month, day))
                .filter(d -> d != null)
                .min(Comparator.comparingLong(d -> Math.abs(ChronoUnit.DAYS.between(valueDate, d))))
                .orElseThrow(() -> new DateTimeException("entry date " + mmdd + " is not a month and day"));
    }

    private static LocalDate validDate(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
