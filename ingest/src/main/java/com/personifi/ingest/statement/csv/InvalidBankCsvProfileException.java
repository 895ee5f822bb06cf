package com.personifi.ingest.statement.csv;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link BankCsvProfile} that cannot read any file as it stands. It carries every problem found, field by field,
 * so that whoever saved the profile can be shown all of them at once (a 400 answer with one error per field), not
 * just the first.
 */
public final class InvalidBankCsvProfileException extends IllegalArgumentException {

    private final transient List<ProfileError> errors;

    public InvalidBankCsvProfileException(List<ProfileError> errors) {
        super("The bank CSV profile is not usable: "
                + errors.stream().map(ProfileError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** Never empty. */
    public List<ProfileError> errors() {
        return errors;
    }
}
