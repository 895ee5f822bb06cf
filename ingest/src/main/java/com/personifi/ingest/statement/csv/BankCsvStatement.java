package com.personifi.ingest.statement.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;

import com.personifi.ingest.statement.StatementHeader;
import com.personifi.ingest.statement.StatementSink;
import com.personifi.ingest.statement.UnreadableStatementException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A bank's CSV export, read with the {@link BankCsvProfile} a user saved for that bank. Banks across Africa export
 * CSV in as many layouts as there are banks (preamble lines, semicolons, decimal commas, debit and credit columns,
 * {@code (1,234.50)} or {@code 1,234.50 DR}); a profile says once how one bank does it.
 *
 * <pre>{@code
 * BankCsvProfile profile = savedProfiles.forUser(userId).stream()
 *         .filter(p -> p.matches(firstEightKilobytes))
 *         .findFirst().orElseThrow();
 * try (InputStream in = upload.getInputStream()) {
 *     BankCsvStatement.read(in, profile, "0123456789012", sink);
 * }
 * }</pre>
 *
 * <p>Reads row by row; the file is never held whole. What reaches the sink, in file order:
 * <ul>
 *   <li>One {@link StatementHeader}: positioned on the header row, with the account number given by the caller (a
 *       CSV export rarely names it in a readable place) and the profile's fixed currency. Its balances are null:
 *       the header goes out before any row is read, and a file does not say whether it lists the oldest or the
 *       newest entry first, so neither the first nor the last balance is known to be the opening one. The running
 *       balance check below stands in for the opening + entries = closing check of MT940 and CAMT.</li>
 *   <li>One {@link com.personifi.ingest.statement.StatementEntry} per row that moves money, positioned on the line
 *       the row starts on. Its source reference is the bank's reference where the profile maps that column and the
 *       row has one, else {@code csv-} and a hash of account, date (and time), amount, description and balance;
 *       a repeat within the file gets {@code :2}, {@code :3}, … in file order, so re-importing a file gives the
 *       same references. The description is the description columns, and the counterparty before them, joined
 *       with " / " where one does not already contain the other.</li>
 *   <li>A reject for each row that cannot be an entry, on its line, with a reason naming the column as the file
 *       names it: a date that does not fit the pattern, an amount that does not fit the separators, a row with
 *       fewer cells than the header (a total or footer line) or more non-blank ones (an unquoted delimiter),
 *       debit and credit both filled, neither filled. Footer lines such as "Total" are rejected this way rather than
 *       guessed at and dropped, so nothing leaves the file unseen.</li>
 *   <li>Where the profile maps a balance column, a reject on an entry's own line when its balance does not follow
 *       from the row before, whichever way round the file lists its rows; the entry itself still goes out.</li>
 * </ul>
 * Passed over without a word: blank lines, a repeat of the header row (exports cut into pages), and balance lines
 * (a balance but no amount: opening, brought-forward, closing balance) whose balance agrees with the rows around
 * them. A balance line that disagrees is rejected, because then an amount is missing.
 *
 * <p>The whole file is refused with {@link UnreadableStatementException} when its header row is not where the
 * profile says or lacks a column the profile names, and when broken quoting leaves no way to tell where the rows
 * after it start; entries already sent before the break have been sent.
 */
public final class BankCsvStatement {

    private BankCsvStatement() {
    }

    /**
     * Reads {@code content} to its end and closes it.
     *
     * @param content             the file as uploaded, decoded with the profile's encoding (a UTF-8 byte order mark
     *                            is skipped)
     * @param profile             the layout; checked first
     * @param accountNumberOrNull the account the file is of, as the user or the file name says; only ever shown by
     *                            its last four characters
     * @throws InvalidBankCsvProfileException when the profile cannot read any file, with every problem in it
     * @throws UnreadableStatementException   when this file does not fit the profile or its quoting is broken
     */
    public static void read(InputStream content, BankCsvProfile profile, String accountNumberOrNull,
                            StatementSink sink) {
        profile.requireValid();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(content, profile.charset()), 1 << 16)) {
            HeaderLine header = HeaderLine.find(reader, profile);
            ColumnLayout columns = ColumnLayout.place(header, profile);
            sink.statement(new StatementHeader(header.line(), accountNumberOrNull, profile.currency(), null, null,
                    null, null));
            BankCsvRows rows = new BankCsvRows(profile, header, columns, accountNumberOrNull, sink);
            long previousEnd = header.line();
            try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(profile.csvFormat()).get()) {
                for (CSVRecord record : parser) {
                    // the physical line a row starts on, for reasons people can find in the file
                    int line = (int) previousEnd + 1;
                    previousEnd = header.line() + parser.getCurrentLineNumber();
                    rows.row(line, record.toList());
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CSVException malformed) {
                    throw new UnreadableStatementException("The CSV's quoting breaks after line " + previousEnd
                            + ", so no row after it can be told apart: " + malformed.getMessage(), malformed);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bank CSV statement", e);
        }
    }
}
