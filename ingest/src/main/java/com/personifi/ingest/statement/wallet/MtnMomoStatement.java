package com.personifi.ingest.statement.wallet;

import static com.personifi.ingest.statement.wallet.WalletEntries.cell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.personifi.ingest.statement.CsvHeader;
import com.personifi.ingest.statement.CsvTable;
import com.personifi.ingest.statement.StatementSink;

/**
 * The MTN MoMo transaction history CSV, read by column name. The portals of MTN's wallet platform (seen for Rwanda
 * and Uganda) export {@code Id, External Transaction Id, Date, Status, Type, Provider Category, Information, Note,
 * From, From Name, From Handler Name, To, To Name, To Handler Name, Initiated By, On Behalf Of, Amount, Currency, Fee,
 * Currency, Discount, Currency, Promotion, Currency, Coupon, Currency, Balance, Currency}: each money column followed by its own Currency column, From and To as wallet handles
 * ({@code FRI:256772123456/MSISDN}), dates ISO ({@code 2024-05-12 14:30:05}) or day-first. Exports of the agent and
 * merchant portals name them {@code Date / Time, Transaction ID, Transaction Type, Amount, From Account, To Account,
 * Fee, …} with no Status; those are read too, every row a completed one. The column names are those that parsers of
 * real MTN Rwanda and Uganda exports published on GitHub read; no export was copied.
 *
 * <p>The {@code Id} is the Financial Transaction Id of the SMS MTN sends for the same transaction, so both give one
 * transaction; a non-zero Fee becomes {@code Id:fee}, linked to it. Only rows whose Status is Successful move money.
 * Which way the money went: when any amount of the file is written with a minus, the file is signed and each amount
 * is taken as written; otherwise the wallet is the handle that is From or To on every row, and a row is money out
 * when it is From; and when no handle singles the wallet out (a file of one row), the Type says ("DEPOSIT",
 * "CASH_IN" in; "PAYMENT", "CASH_OUT" out). So the rows are held until the file ends (a statement is a few thousand rows) and then handed on
 * in file order, each bad row refused on its line while the rest go on. Phone numbers never reach a description or
 * counterparty: only the names do.
 */
public final class MtnMomoStatement {

    private static final int MAX_PREAMBLE_LINES = 30;

    private static final String[] ID = {"id", "financial transaction id", "transaction id", "ft id"};
    private static final String[] DATE = {"date", "date/time", "transaction date", "date time",
            "transaction date/time"};
    private static final String[] STATUS = {"status", "transaction status"};
    private static final String[] TYPE = {"type", "transaction type"};
    private static final String[] INFORMATION = {"information"};
    private static final String[] NOTE = {"note", "message", "reference", "narration"};
    private static final String[] FROM = {"from", "from account", "from msisdn", "from number"};
    private static final String[] FROM_NAME = {"from name", "from handler name", "from account name"};
    private static final String[] TO = {"to", "to account", "to msisdn", "to number"};
    private static final String[] TO_NAME = {"to name", "to handler name", "to account name"};
    private static final String[] AMOUNT = {"amount", "transaction amount"};
    private static final String[] FEE = {"fee", "fees"};
    private static final String[] BALANCE = {"balance", "float balance"};
    private static final String CURRENCY = "currency";

    private MtnMomoStatement() {
    }

    /** True when one of the first lines is an MTN MoMo table header. */
    public static boolean looksLikeMtnMomo(String head) {
        return CsvTable.hasHeader(head, MAX_PREAMBLE_LINES, MtnMomoStatement::isHeader);
    }

    static boolean isHeader(CsvHeader header) {
        return header.has(ID) && header.has(DATE) && header.has(AMOUNT) && header.has(FROM) && header.has(TO);
    }

    public static void read(Reader source, StatementSink sink) {
        try (BufferedReader reader = new BufferedReader(source, 1 << 16)) {
            CsvTable table = CsvTable.open(reader, MAX_PREAMBLE_LINES, MtnMomoStatement::isHeader,
                    "No MTN MoMo statement header (Id, Date, From, To, Amount …) in the first " + MAX_PREAMBLE_LINES
                            + " lines");
            Columns columns = new Columns(table.header());
            List<Row> rows = new ArrayList<>();
            table.forEachRow((line, raw, cells) -> rows.add(new Row(line, raw, cells)));
            Signs signs = columns.signs(rows);
            WalletEntries entries = new WalletEntries(sink);
            entries.start(table.headerLine());
            for (Row row : rows) {
                try {
                    columns.read(row, signs, entries);
                } catch (IllegalArgumentException e) {
                    sink.reject(row.line(), row.raw(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read MTN MoMo statement", e);
        }
    }

    private record Row(int line, String raw, List<String> cells) {
    }

    /**
     * How the file shows which way money went.
     *
     * @param signed whether amounts carry their own sign
     * @param wallet the handle that is From or To on every row, or null when that does not single one out
     */
    private record Signs(boolean signed, String wallet) {
    }

    private static final class Columns {

        private final int id;
        private final int date;
        private final int status;
        private final int type;
        private final int information;
        private final int note;
        private final int from;
        private final int fromName;
        private final int to;
        private final int toName;
        private final int amount;
        private final int currency;
        private final int fee;
        private final int tax;
        private final int balance;
        private final boolean semicolons;

        Columns(CsvHeader header) {
            id = header.indexOf(ID);
            date = header.indexOf(DATE);
            status = header.indexOf(STATUS);
            type = header.indexOf(TYPE);
            information = header.indexOf(INFORMATION);
            note = header.indexOf(NOTE);
            from = header.indexOf(FROM);
            fromName = header.indexOf(FROM_NAME);
            to = header.indexOf(TO);
            toName = header.indexOf(TO_NAME);
            amount = header.indexOf(AMOUNT);
            int afterAmount = header.indexAfter(CURRENCY, amount);
            currency = afterAmount >= 0 ? afterAmount : header.indexOf(CURRENCY);
            fee = header.indexOf(FEE);
            tax = WalletEntries.taxColumn(header);
            balance = header.indexOf(BALANCE);
            semicolons = header.delimiter() == ';';
        }

        Signs signs(List<Row> rows) {
            boolean signed = false;
            Set<String> everywhere = null;
            int counted = 0;
            for (Row row : rows) {
                signed |= negative(cell(row.cells(), amount));
                Set<String> parties = new HashSet<>();
                addParty(parties, cell(row.cells(), from));
                addParty(parties, cell(row.cells(), to));
                if (parties.isEmpty()) {
                    continue;
                }
                counted++;
                if (everywhere == null) {
                    everywhere = parties;
                } else {
                    everywhere.retainAll(parties);
                }
            }
            String wallet = counted >= 2 && everywhere.size() == 1 ? everywhere.iterator().next() : null;
            return new Signs(signed, wallet);
        }

        void read(Row row, Signs signs, WalletEntries out) {
            List<String> cells = row.cells();
            String txid = WalletEntries.transactionId(cell(cells, id), "Id");
            if (status >= 0) {
                String written = cell(cells, status);
                if (written.isEmpty()) {
                    throw new IllegalArgumentException("Status is empty");
                }
                if (!WalletEntries.movedMoney(written)) {
                    out.skipped(row.line(), "Status of " + txid + " is '" + written + "': no money moved");
                    return;
                }
            }
            WalletTimes.When when = WalletTimes.parse(cell(cells, date), null, "Date");
            BigDecimal written = WalletAmounts.parse(cell(cells, amount), "Amount", semicolons);
            if (written == null) {
                throw new IllegalArgumentException("Amount is empty");
            }
            String typeText = WalletEntries.maskPhones(cell(cells, type).replace('_', ' '));
            String noteText = note(cells);
            BigDecimal signed = signed(cells, written, signs, typeText, noteText);
            boolean in = signed.signum() >= 0;
            String counterparty = WalletEntries.name(cell(cells, in ? fromName : toName));
            String code = WalletEntries.currency(cell(cells, currency));
            if (code == null) {
                code = WalletAmounts.currencyIn(cell(cells, amount));
            }
            StringBuilder described = new StringBuilder(typeText != null ? typeText
                    : in ? "MTN MoMo received" : "MTN MoMo payment");
            if (counterparty != null) {
                described.append(in ? " from " : " to ").append(counterparty);
            }
            if (noteText != null) {
                described.append(" - ").append(noteText);
            }
            out.send(new WalletEntries.Transaction(row.line(), txid, when, signed, code, described.toString(),
                    counterparty, WalletAmounts.parse(cell(cells, balance), "Balance", semicolons),
                    WalletAmounts.charges(WalletAmounts.parse(cell(cells, fee), "Fee", semicolons),
                            WalletAmounts.parse(cell(cells, tax), "Tax", semicolons))));
        }

        private BigDecimal signed(List<String> cells, BigDecimal written, Signs signs, String typeText,
                                  String noteText) {
            if (signs.signed()) {
                return written;
            }
            if (signs.wallet() != null) {
                boolean paid = signs.wallet().equals(party(cell(cells, from)));
                boolean received = signs.wallet().equals(party(cell(cells, to)));
                if (paid != received) {
                    return (paid ? Direction.OUT : Direction.IN).apply(written);
                }
                throw new IllegalArgumentException("The wallet of this statement is " + (paid ? "both" : "neither")
                        + " From and To: cannot tell whether money came in or went out");
            }
            Direction said = Direction.ofWords(typeText, noteText);
            if (said == null) {
                throw new IllegalArgumentException("Cannot tell whether '" + typeText + "' brought money in or took it"
                        + " out: the amount has no sign and no other row shows which handle is this wallet");
            }
            return said.apply(written);
        }

        /** Information and Note, when they say something ("-" is MTN's empty). */
        private String note(List<String> cells) {
            String info = meaningful(cell(cells, information));
            String message = meaningful(cell(cells, note));
            if (info == null || message == null || info.equalsIgnoreCase(message)) {
                return info != null ? info : message;
            }
            return info + " / " + message;
        }

        private static String meaningful(String text) {
            String squashed = WalletEntries.maskPhones(text);
            return squashed == null || squashed.equals("-") ? null : squashed;
        }

        private boolean negative(String text) {
            try {
                BigDecimal value = WalletAmounts.parse(text, "Amount", semicolons);
                return value != null && value.signum() < 0;
            } catch (IllegalArgumentException e) {
                // refused on its own row later
                return false;
            }
        }

        private static void addParty(Set<String> parties, String handle) {
            String party = party(handle);
            if (party != null) {
                parties.add(party);
            }
        }

        /** A handle compared without its "FRI:" scheme, "/MSISDN" kind, spacing or case. */
        private static String party(String handle) {
            String bare = handle.strip();
            if (bare.regionMatches(true, 0, "FRI:", 0, 4)) {
                bare = bare.substring(4);
            }
            int kind = bare.indexOf('/');
            if (kind >= 0) {
                bare = bare.substring(0, kind);
            }
            bare = bare.replaceAll("[\\s+]", "").toUpperCase(Locale.ROOT);
            return bare.isEmpty() ? null : bare;
        }
    }
}
