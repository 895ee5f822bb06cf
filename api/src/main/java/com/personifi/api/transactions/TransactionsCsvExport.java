package com.personifi.api.transactions;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.personifi.api.accounts.Accounts;
import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.CsvCells;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The user's transactions as a CSV file to open in a spreadsheet, with the same filters as the transaction list.
 * Written row by row as the ledger is read, so years of history never sit in memory. Text cells are quoted and
 * neutralised against formulas; amounts are plain decimals beside their currency.
 */
@RestController
class TransactionsCsvExport {

    static final String HEADER = "id,date,occurred_at,account,amount,currency,amount_in_base,base_currency,"
            + "description,counterparty,category,tags,notes\r\n";

    private final LedgerTransactions ledger;
    private final Accounts accounts;

    TransactionsCsvExport(LedgerTransactions ledger, Accounts accounts) {
        this.ledger = ledger;
        this.accounts = accounts;
    }

    /**
     * Every transaction the filters select, oldest first; {@code from}/{@code to} are local dates (inclusive),
     * {@code q} searches description and counterparty, {@code deleted=true} exports the deleted ones.
     */
    @GetMapping(path = "/api/v1/exports/transactions.csv", produces = "text/csv")
    void export(@AuthenticationPrincipal CurrentUser user,
                @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                @RequestParam(required = false) UUID accountId,
                @RequestParam(required = false) String category, @RequestParam(required = false) String tag,
                @RequestParam(required = false) BigDecimal minAmount,
                @RequestParam(required = false) BigDecimal maxAmount,
                @RequestParam(required = false) String currency,
                @RequestParam(required = false) @Size(max = 200) String q,
                @RequestParam(defaultValue = "false") boolean deleted,
                HttpServletResponse response) throws IOException {
        LedgerQuery query = new LedgerQuery(from, to, accountId, blankToNull(category), blankToNull(tag), minAmount,
                maxAmount, currency == null || currency.isBlank() ? null : currency.strip().toUpperCase(Locale.ROOT),
                blankToNull(q), deleted, null, LedgerQuery.MAX_LIMIT);
        Map<UUID, String> accountNames = accounts.of(user.id()).stream()
                .collect(Collectors.toMap(Accounts.Account::id, Accounts.Account::name, (a, b) -> a));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"transactions.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        out.write(HEADER);
        ledger.each(user.id(), query, t -> write(out, t, accountNames::get));
        out.flush();
    }

    private static void write(Writer out, LedgerTransactions.Transaction t, Function<UUID, String> accountName) {
        try {
            out.write(String.join(",",
                    CsvCells.safe(t.id().toString()),
                    CsvCells.safe(t.localDate().toString()),
                    CsvCells.safe(t.occurredAt().toString()),
                    CsvCells.safe(accountName.apply(t.accountId())),
                    CsvCells.decimal(t.amount()),
                    CsvCells.safe(t.currency()),
                    CsvCells.decimal(t.amountInBase()),
                    CsvCells.safe(t.baseCurrency()),
                    CsvCells.safe(t.description()),
                    CsvCells.safe(t.counterparty()),
                    CsvCells.safe(t.category()),
                    CsvCells.safe(String.join(";", t.tags())),
                    CsvCells.safe(t.notes())));
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
