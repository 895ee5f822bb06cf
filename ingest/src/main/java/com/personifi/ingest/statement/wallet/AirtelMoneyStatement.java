package com.personifi.ingest.statement.wallet;

import static com.personifi.ingest.statement.wallet.WalletEntries.cell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import com.personifi.ingest.statement.CsvHeader;
import com.personifi.ingest.statement.CsvTable;
import com.personifi.ingest.statement.StatementSink;

/**
 * The Airtel Money statement CSV, read by column name. Airtel's customer statements (Uganda's self-care and agent
 * portals first) open with lines about the account ({@code Customer Name}, {@code Mobile Number},
 * {@code Statement Period}, {@code Opening Balance}, {@code Closing Balance}, {@code Total Credit}, {@code Total Debit})
 * and then the table, in one of two layouts:
 * <ol>
 *   <li>{@code Transaction ID, Transaction Date, Description, Status, Transaction Amount, Credit/Debit, Fee, Balance}:
 *       unsigned amounts, the direction in {@code Credit/Debit};</li>
 *   <li>the same without {@code Credit/Debit}: the amount is signed, money out negative.</li>
 * </ol>
 * Shorter exports name the columns {@code Transaction ID, Transaction Date, Transaction Type, Sender/Receiver, Amount,
 * Balance, Status}; there the amount is unsigned unless a minus is written, and the type says which way the money went
 * ("Received", "Cash In", "Deposit" in; "Sent", "Paid", "Withdrawal", "Airtime" out). Separate {@code Credit} and
 * {@code Debit} amount columns are read too, like M-Pesa's Paid In and Withdrawn, and a {@code Currency} column when
 * there is one (else a code written next to the amount, else the account's). The two main layouts are those that
 * parsers of real Airtel Uganda exports published on GitHub read; the shorter one is how Airtel's statements in
 * other countries are described and is the least certain. No export was copied.
 *
 * <p>Dates are day-first ({@code 01-05-25 08:17 AM}, {@code 01-May-25 08:17 AM}, {@code 12/05/2024 14:30}) or ISO.
 * Only rows whose Status is Success (or Successful, Completed) move money; the others are skipped. The Transaction
 * ID is the TID of the SMS Airtel sends for the same transaction, so both give one transaction, and a non-zero Fee
 * becomes {@code TID:fee}, linked to it. Rows are read one at a time; a bad row is refused on its line and the rest
 * go on.
 */
public final class AirtelMoneyStatement {

    /** Lines about the account before the table. */
    private static final int MAX_PREAMBLE_LINES = 30;

    static final String[] ID = {"transaction id", "txn id", "tid", "transaction ref", "transaction reference"};
    static final String[] DATE = {"transaction date", "date", "date/time", "transaction date/time", "transaction time",
            "date time"};
    private static final String[] TIME = {"time"};
    private static final String[] DESCRIPTION = {"description", "details", "narration", "narrative", "remarks"};
    private static final String[] TYPE = {"transaction type", "type", "service", "service name"};
    private static final String[] PARTY = {"sender/receiver", "receiver/sender", "other party", "counterparty",
            "party", "sender/recipient"};
    private static final String[] STATUS = {"status", "transaction status"};
    private static final String[] AMOUNT = {"transaction amount", "amount"};
    private static final String[] DIRECTION = {"credit/debit", "debit/credit", "dr/cr", "cr/dr", "direction"};
    private static final String[] CREDIT = {"credit", "credit amount", "money in", "amount in"};
    private static final String[] DEBIT = {"debit", "debit amount", "money out", "amount out"};
    private static final String[] FEE = {"fee", "fees", "charge", "charges", "service charge", "transaction fee"};
    private static final String[] BALANCE = {"balance", "running balance", "balance after", "closing balance"};
    private static final String[] CURRENCY = {"currency"};

    private AirtelMoneyStatement() {
    }

    /** True when one of the first lines is an Airtel Money table header. */
    public static boolean looksLikeAirtelMoney(String head) {
        return CsvTable.hasHeader(head, MAX_PREAMBLE_LINES, AirtelMoneyStatement::isHeader);
    }

    /** Every Airtel layout has a Status column; a bank export with ids, dates and debits usually has none. */
    static boolean isHeader(CsvHeader header) {
        return header.has(ID) && header.has(DATE) && header.has(STATUS)
                && (header.has(AMOUNT) || header.has(CREDIT) && header.has(DEBIT))
                && !MtnMomoStatement.isHeader(header) && !header.has("receipt no");
    }

    public static void read(Reader source, StatementSink sink) {
        try (BufferedReader reader = new BufferedReader(source, 1 << 16)) {
            CsvTable table = CsvTable.open(reader, MAX_PREAMBLE_LINES, AirtelMoneyStatement::isHeader,
                    "No Airtel Money statement header (Transaction ID, Transaction Date, Transaction Amount …) in the "
                            + "first " + MAX_PREAMBLE_LINES + " lines");
            Columns columns = new Columns(table.header());
            WalletEntries entries = new WalletEntries(sink);
            entries.start(table.headerLine());
            table.forEachRow((line, raw, cells) -> {
                try {
                    columns.read(line, cells, entries);
                } catch (IllegalArgumentException e) {
                    sink.reject(line, raw, e.getMessage());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Airtel Money statement", e);
        }
    }

    /** Where this file keeps each field, and so how it signs its amounts. */
    private static final class Columns {

        private final int id;
        private final int date;
        private final int time;
        private final int description;
        private final int type;
        private final int party;
        private final int status;
        private final int amount;
        private final int direction;
        private final int credit;
        private final int debit;
        private final int fee;
        private final int tax;
        private final int balance;
        private final int currency;
        private final boolean semicolons;

        Columns(CsvHeader header) {
            id = header.indexOf(ID);
            date = header.indexOf(DATE);
            time = header.indexOf(TIME);
            description = header.indexOf(DESCRIPTION);
            type = header.indexOf(TYPE);
            party = header.indexOf(PARTY);
            status = header.indexOf(STATUS);
            amount = header.indexOf(AMOUNT);
            direction = header.indexOf(DIRECTION);
            credit = header.indexOf(CREDIT);
            debit = header.indexOf(DEBIT);
            fee = header.indexOf(FEE);
            tax = WalletEntries.taxColumn(header);
            balance = header.indexOf(BALANCE);
            currency = header.indexOf(CURRENCY);
            semicolons = header.delimiter() == ';';
        }

        void read(int line, List<String> cells, WalletEntries out) {
            String txid = WalletEntries.transactionId(cell(cells, id), "Transaction ID");
            if (status >= 0) {
                String written = cell(cells, status);
                if (written.isEmpty()) {
                    throw new IllegalArgumentException("Status is empty");
                }
                if (!WalletEntries.movedMoney(written)) {
                    out.skipped(line, "Status of " + txid + " is '" + written + "': no money moved");
                    return;
                }
            }
            WalletTimes.When when = WalletTimes.parse(cell(cells, date), cell(cells, time), "Transaction Date");
            String typeText = WalletEntries.maskPhones(cell(cells, type));
            String text = WalletEntries.maskPhones(cell(cells, description));
            BigDecimal signed = amount >= 0 ? signed(cells, typeText, text) : creditOrDebit(cells);
            BigDecimal feeAmount = WalletAmounts.charges(WalletAmounts.parse(cell(cells, fee), "Fee", semicolons),
                    WalletAmounts.parse(cell(cells, tax), "Tax", semicolons));
            BigDecimal after = WalletAmounts.parse(cell(cells, balance), "Balance", semicolons);
            String code = WalletEntries.currency(cell(cells, currency));
            if (code == null) {
                code = WalletAmounts.currencyIn(amount >= 0 ? cell(cells, amount)
                        : signed.signum() >= 0 ? cell(cells, credit) : cell(cells, debit));
            }
            String counterparty = WalletEntries.name(cell(cells, party));
            String described = text != null ? text : typeText != null ? typeText
                    : signed.signum() < 0 ? "Airtel Money payment" : "Airtel Money received";
            if (counterparty != null
                    && !described.toUpperCase(Locale.ROOT).contains(counterparty.toUpperCase(Locale.ROOT))) {
                described = described + " - " + counterparty;
            }
            out.send(new WalletEntries.Transaction(line, txid, when, signed, code, described, counterparty, after,
                    feeAmount));
        }

        /**
         * From the Credit/Debit column when there is one; else a written minus is money out; else, in the layout
         * without a type column, the amount is signed and so money in; else the type's words decide.
         */
        private BigDecimal signed(List<String> cells, String typeText, String text) {
            BigDecimal written = WalletAmounts.parse(cell(cells, amount), "Transaction Amount", semicolons);
            if (written == null) {
                throw new IllegalArgumentException("Transaction Amount is empty");
            }
            if (direction >= 0) {
                Direction marked = Direction.ofMarker(cell(cells, direction));
                if (marked == null) {
                    throw new IllegalArgumentException("Credit/Debit '" + cell(cells, direction)
                            + "' is neither Credit nor Debit");
                }
                return marked.apply(written);
            }
            if (written.signum() < 0 || type < 0) {
                return written;
            }
            Direction said = Direction.ofWords(typeText, text);
            if (said == null) {
                throw new IllegalArgumentException("Cannot tell whether '" + (typeText != null ? typeText : text)
                        + "' brought money in or took it out: the amount has no sign and there is no Credit/Debit "
                        + "column");
            }
            return said.apply(written);
        }

        /** Credit and Debit are exclusive; Debit is written with or without a minus sign. */
        private BigDecimal creditOrDebit(List<String> cells) {
            BigDecimal in = WalletAmounts.parse(cell(cells, credit), "Credit", semicolons);
            BigDecimal outgoing = WalletAmounts.parse(cell(cells, debit), "Debit", semicolons);
            boolean hasIn = in != null && in.signum() != 0;
            boolean hasOut = outgoing != null && outgoing.signum() != 0;
            if (hasIn && hasOut) {
                throw new IllegalArgumentException("Both Credit and Debit are filled");
            }
            if (!hasIn && !hasOut) {
                throw new IllegalArgumentException("Neither Credit nor Debit has an amount");
            }
            return hasIn ? in.abs() : outgoing.abs().negate();
        }
    }
}
