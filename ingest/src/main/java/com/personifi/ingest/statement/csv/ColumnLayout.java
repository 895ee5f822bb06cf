package com.personifi.ingest.statement.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.personifi.ingest.statement.UnreadableStatementException;
import com.personifi.ingest.statement.csv.BankCsvProfile.Column;
import com.personifi.ingest.statement.csv.BankCsvProfile.Columns;

/**
 * A profile's columns placed on one file's header row: where each field is, how many cells a row has, and the name
 * of each column as the file writes it, which is how reasons for rejected rows refer to it.
 */
final class ColumnLayout {

    static final int NONE = -1;

    final int date;
    final int valueDate;
    final int[] description;
    final int counterparty;
    final int reference;
    final int amount;
    final int debit;
    final int credit;
    final int balance;
    final int currency;
    /** Cells a row has: up to the header's last named cell, or the last column the profile reads if further. */
    final int width;
    private final List<String> labels;

    private ColumnLayout(HeaderLine header, Columns columns, Placing placing) {
        date = placing.index(columns.date());
        valueDate = placing.index(columns.valueDate());
        description = columns.description().stream().mapToInt(placing::index).toArray();
        counterparty = placing.index(columns.counterparty());
        reference = placing.index(columns.reference());
        amount = placing.index(columns.amount());
        debit = placing.index(columns.debit());
        credit = placing.index(columns.credit());
        balance = placing.index(columns.balance());
        currency = placing.index(columns.currency());
        int lastNamed = NONE;
        for (int i = 0; i < header.cells().size(); i++) {
            if (!header.cells().get(i).isEmpty()) {
                lastNamed = i;
            }
        }
        width = Math.max(lastNamed, placing.highest) + 1;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            String cell = i < header.cells().size() ? header.cells().get(i) : "";
            names.add(cell.isEmpty() ? "Column " + (i + 1) : cell);
        }
        labels = List.copyOf(names);
    }

    /**
     * @throws UnreadableStatementException when the header lacks a column the profile names, or is narrower than an
     *                                      index the profile reads
     */
    static ColumnLayout place(HeaderLine header, BankCsvProfile profile) {
        Placing placing = new Placing(header);
        for (Map.Entry<String, Column> mapped : profile.mappedColumns().entrySet()) {
            placing.index(mapped.getValue());
        }
        if (!placing.problems.isEmpty()) {
            throw new UnreadableStatementException("The header row on line " + header.line()
                    + " does not fit this profile: " + String.join("; ", placing.problems) + " (its columns: "
                    + String.join(", ", header.cells()) + ")");
        }
        return new ColumnLayout(header, profile.columns(), placing);
    }

    /** The column's name in this file, for reasons a person reads. */
    String label(int index) {
        return labels.get(index);
    }

    /** Finds columns on the header, collecting what does not fit rather than stopping at the first. */
    private static final class Placing {

        private final HeaderLine header;
        private final List<String> problems = new ArrayList<>();
        private int highest = NONE;

        Placing(HeaderLine header) {
            this.header = header;
        }

        int index(Column column) {
            if (column == null) {
                return NONE;
            }
            int index;
            if (column.name() != null) {
                index = header.indexOf(column.name());
                if (index < 0) {
                    problem("it has no column '" + column.name() + "'");
                    return NONE;
                }
            } else {
                index = column.index();
                if (index >= header.cells().size()) {
                    problem("it has " + header.cells().size() + " columns, and the profile reads the one at index "
                            + index);
                    return NONE;
                }
            }
            highest = Math.max(highest, index);
            return index;
        }

        private void problem(String problem) {
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        }
    }
}
