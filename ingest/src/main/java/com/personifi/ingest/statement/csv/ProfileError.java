package com.personifi.ingest.statement.csv;

/**
 * One thing wrong with a {@link BankCsvProfile}, said of the field a person has to change.
 *
 * @param field   the profile's JSON property path, e.g. {@code dateFormat}, {@code columns.credit} or
 *                {@code columns.description[1]}
 * @param message what is wrong there and what would be right, in words for the person editing the profile
 */
public record ProfileError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
