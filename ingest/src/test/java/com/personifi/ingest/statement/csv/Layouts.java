package com.personifi.ingest.statement.csv;

import static com.personifi.ingest.statement.csv.BankCsvProfile.Column.at;
import static com.personifi.ingest.statement.csv.BankCsvProfile.Column.named;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The profiles a user would save for the synthetic exports under {@code statements/bankcsv/}, one per layout, and
 * the files themselves.
 */
final class Layouts {

    static final String EQUITY = "equity_ke_statement.csv";
    static final String GTBANK = "gtbank_ng_statement.csv";
    static final String FNB = "fnb_za_transactions.csv";
    static final String SGCI = "sgci_ci_releve.csv";
    static final String STANBIC = "stanbic_ug_statement.csv";
    static final List<String> FILES = List.of(EQUITY, GTBANK, FNB, SGCI, STANBIC);

    private Layouts() {
    }

    /** Preamble above a signature-found header, debit and credit columns, a bank reference. */
    static BankCsvProfile equity() {
        return BankCsvProfile.builder()
                .headerSignature("Transaction Date", "Value Date", "Narrative", "Transaction Reference", "Debit",
                        "Credit", "Running Balance")
                .dateFormat("dd-MM-yyyy")
                .thousandsSeparator(",")
                .date(named("Transaction Date"))
                .valueDate(named("Value Date"))
                .description(named("Narrative"))
                .reference(named("Transaction Reference"))
                .debitCredit(named("Debit"), named("Credit"))
                .balance(named("Running Balance"))
                .currency("KES")
                .build();
    }

    /** Header on a fixed line, found by line number alone; newest entry first. */
    static BankCsvProfile gtbank() {
        return BankCsvProfile.builder()
                .headerRow(4)
                .dateFormat("dd-MMM-yyyy")
                .thousandsSeparator(",")
                .date(named("Trans. Date"))
                .valueDate(named("Value. Date"))
                .description(named("Remarks"))
                .reference(named("Reference"))
                .debitCredit(named("Debits"), named("Credits"))
                .balance(named("Balance"))
                .currency("NGN")
                .build();
    }

    /** One signed amount, no thousands separator, columns by index. */
    static BankCsvProfile fnb() {
        return BankCsvProfile.builder()
                .headerSignature("Date", "Amount", "Balance", "Description")
                .dateFormat("yyyy/MM/dd")
                .date(at(0))
                .signedAmount(at(1))
                .balance(at(2))
                .description(at(3))
                .currency("ZAR")
                .build();
    }

    /** Windows-1252, semicolons, decimal comma, space thousands. */
    static BankCsvProfile sgci() {
        return BankCsvProfile.builder()
                .headerSignature("Date opération", "Date valeur", "Libellé", "Référence", "Débit", "Crédit", "Solde")
                .delimiter(";")
                .encoding("windows-1252")
                .dateFormat("dd/MM/yyyy")
                .decimalSeparator(",")
                .thousandsSeparator(" ")
                .date(named("Date opération"))
                .valueDate(named("Date valeur"))
                .description(named("Libellé"))
                .reference(named("Référence"))
                .debitCredit(named("Débit"), named("Crédit"))
                .balance(named("Solde"))
                .currency("XOF")
                .build();
    }

    /** Tabs, parentheses and trailing minus, CR/DR balances, an optional time, a currency column. */
    static BankCsvProfile stanbic() {
        return BankCsvProfile.builder()
                .headerSignature("Posting Date", "Transaction Details", "Reference", "Currency", "Amount", "Balance")
                .delimiter("\t")
                .dateFormat("dd/MM/yyyy[ HH:mm]")
                .thousandsSeparator(",")
                .date(named("Posting Date"))
                .description(named("Transaction Details"))
                .reference(named("Reference"))
                .currencyColumn(named("Currency"))
                .signedAmount(named("Amount"))
                .balance(named("Balance"))
                .build();
    }

    /** For parameterized tests. */
    static List<String> files() {
        return FILES;
    }

    static BankCsvProfile forFile(String file) {
        return switch (file) {
            case EQUITY -> equity();
            case GTBANK -> gtbank();
            case FNB -> fnb();
            case SGCI -> sgci();
            case STANBIC -> stanbic();
            default -> throw new IllegalArgumentException(file);
        };
    }

    static InputStream open(String file) {
        InputStream in = Layouts.class.getResourceAsStream("/statements/bankcsv/" + file);
        if (in == null) {
            throw new UncheckedIOException(new IOException("No test resource statements/bankcsv/" + file));
        }
        return in;
    }

    /** The first 8 KB, as an importer sniffs them. */
    static byte[] head(String file) {
        try (InputStream in = open(file)) {
            return in.readNBytes(8192);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
