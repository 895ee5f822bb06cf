package com.personifi.ingest.statement.wallet;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.personifi.ingest.statement.CsvHeader;
import com.personifi.ingest.statement.StatementEntry;
import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.StatementSink;
import com.personifi.schemas.ids.TransactionIds;

/**
 * What wallet statements share once a row is read: which statuses moved money, what a transaction id may look like,
 * phone numbers kept only masked, and each transaction handed on as its movement and, when the operator charged
 * one, its fee as a movement of its own linked to it, as the SMS confirmation of the same transaction books it.
 */
final class WalletEntries {

    /** One transaction of a wallet statement, read and checked. */
    record Transaction(int line, String id, WalletTimes.When when, BigDecimal amount, String currency,
                       String description, String counterparty, BigDecimal balance, BigDecimal fee) {
    }

    private static final Set<String> MONEY_MOVED = Set.of("success", "successful", "successfully", "succeeded",
            "completed", "complete", "done", "approved");
    private static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-]{0,63}");
    /** What a spreadsheet makes of a long numeric id when it saves it: 5.12346E+10, the digits lost. */
    private static final Pattern SHORTENED_BY_SPREADSHEET = Pattern.compile("[0-9](\\.[0-9]+)?[Ee]\\+?[0-9]+");
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
    /** A local (0 and nine digits) or international (2xx and nine digits) mobile number, as the operators write them. */
    private static final Pattern PHONE = Pattern.compile("(?<![0-9])\\+?(?:0|2[0-9]{2})[0-9]{9}(?![0-9])");
    /** Digits a name field may carry besides the name: a number, a wallet handle ("FRI:2567…/MSISDN"). */
    private static final Pattern NUMBERS_IN_NAME = Pattern.compile("(?i)FRI:\\S*|\\+?[0-9][0-9*]{5,}|[()]");
    private static final int KEEP_START = 4;
    private static final int KEEP_END = 3;

    private final StatementSink sink;
    private final Map<String, Integer> seen = new HashMap<>();

    WalletEntries(StatementSink sink) {
        this.sink = sink;
    }

    /** The wallet's one statement; its account is the one chosen for the upload, its currency the rows' own. */
    void start(int headerLine) {
        sink.statement(new StatementHeader(headerLine, null, null, null, null, null, null));
    }

    /**
     * The movement, then its fee: negative, {@code id:fee}, linked to the movement. A balance written on a row with
     * a fee is the balance after both, so it goes on the fee. An id the file repeats is numbered in file order.
     */
    void send(Transaction t) {
        String sourceRef = numbered(t.id());
        boolean hasFee = t.fee() != null && t.fee().signum() != 0;
        boolean hasAmount = t.amount().signum() != 0;
        if (hasAmount) {
            sink.entry(new StatementEntry(t.line(), sourceRef, t.when().date(), t.when().at(), t.amount(),
                    t.currency(), t.description(), t.counterparty(), hasFee ? null : t.balance()));
        }
        if (hasFee) {
            sink.entry(new StatementEntry(t.line(), TransactionIds.feeSourceRef(sourceRef), t.when().date(),
                    t.when().at(), t.fee().abs().negate(), t.currency(), "Transaction fee: " + t.description(), null,
                    t.balance(), hasAmount ? sourceRef : null));
        }
        if (!hasAmount && !hasFee) {
            sink.skip(t.line(), "Transaction " + t.id() + " moved no money (amount 0)");
        }
    }

    /** A valid row that moved no money: counted, not published. */
    void skipped(int line, String reason) {
        sink.skip(line, reason);
    }

    private String numbered(String id) {
        int occurrence = seen.merge(id, 1, Integer::sum);
        return occurrence == 1 ? id : id + ":" + occurrence;
    }

    /** The cell at the index, stripped; empty when the column is missing or the row is short. */
    static String cell(List<String> cells, int index) {
        return index >= 0 && index < cells.size() ? cells.get(index).strip() : "";
    }

    private static final String[] TAX = {"tax", "taxes", "e-levy", "elevy", "e levy", "levy", "tax amount"};
    private static final String[] COMMISSION = {"commission", "commission amount", "commission balance"};

    /**
     * The column of a tax levied on each transfer and charged to the wallet beside its fee (Ghana's E-levy), or -1.
     * An agent's layout has none: its tax is on the agent's commission, paid from the commission balance, not the
     * float the rows move.
     */
    static int taxColumn(CsvHeader header) {
        return header.has(COMMISSION) ? -1 : header.indexOf(TAX);
    }

    /** Whether a Status cell says the transaction went through. */
    static boolean movedMoney(String status) {
        return MONEY_MOVED.contains(status.strip().toLowerCase(Locale.ROOT));
    }

    /** The operator's transaction id as written, the one its SMS confirmation prints. */
    static String transactionId(String text, String column) {
        String id = text == null ? "" : text.strip();
        if (id.isEmpty()) {
            throw new IllegalArgumentException(column + " is empty");
        }
        if (SHORTENED_BY_SPREADSHEET.matcher(id).matches()) {
            throw new IllegalArgumentException(column + " '" + id + "' was shortened by a spreadsheet: export the "
                    + "statement again without opening it, or format the column as text");
        }
        if (!TRANSACTION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(column + " '" + id + "' is not a transaction id");
        }
        return id;
    }

    /** An ISO 4217 code from a Currency cell, upper case; null for an empty cell. */
    static String currency(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String code = text.strip();
        if (!CURRENCY.matcher(code).matches()) {
            throw new IllegalArgumentException("Currency '" + code + "' is not a three-letter ISO code");
        }
        return code.toUpperCase(Locale.ROOT);
    }

    /** The text with every mobile number in it masked the way M-Pesa statements print them ("0752***456"). */
    static String maskPhones(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PHONE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replace("+", "");
            String masked = digits.substring(0, KEEP_START) + "*".repeat(digits.length() - KEEP_START - KEEP_END)
                    + digits.substring(digits.length() - KEEP_END);
            m.appendReplacement(out, Matcher.quoteReplacement(masked));
        }
        m.appendTail(out);
        return squash(out.toString());
    }

    /** The name in a party cell ("0752123456 MUGISHA PETER", "FRI:2567…/MSISDN"), numbers left out; null if none. */
    static String name(String text) {
        if (text == null) {
            return null;
        }
        String name = squash(NUMBERS_IN_NAME.matcher(text).replaceAll(" ").replaceAll("^[\\s\\-:]+|[\\s\\-:]+$", ""));
        return name == null || name.chars().noneMatch(Character::isLetter) ? null : name;
    }

    /** Runs of spaces as one, nothing as null. */
    static String squash(String text) {
        if (text == null) {
            return null;
        }
        String squashed = text.replaceAll("\\s+", " ").strip();
        return squashed.isEmpty() ? null : squashed;
    }
}
