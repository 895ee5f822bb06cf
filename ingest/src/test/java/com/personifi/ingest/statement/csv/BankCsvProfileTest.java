package com.personifi.ingest.statement.csv;

import static com.personifi.ingest.statement.csv.BankCsvProfile.Column.at;
import static com.personifi.ingest.statement.csv.BankCsvProfile.Column.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.personifi.ingest.statement.csv.BankCsvProfile.AmountMode;
import com.personifi.ingest.statement.csv.BankCsvProfile.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class BankCsvProfileTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest
    @MethodSource("com.personifi.ingest.statement.csv.Layouts#files")
    void shouldComeBackUnchangedFromJson(String file) {
        BankCsvProfile profile = Layouts.forFile(file);

        String saved = json.writeValueAsString(profile);
        BankCsvProfile loaded = json.readValue(saved, BankCsvProfile.class);

        assertThat(loaded).isEqualTo(profile);
        assertThat(loaded.validate()).isEmpty();
    }

    @Test
    void shouldReadAProfileSavedAsJsonWithOnlyWhatDiffersFromTheDefaults() {
        String saved = """
                {"headerSignature": ["Date", "Description", "Amount"],
                 "dateFormat": "dd/MM/yyyy",
                 "columns": {"date": {"name": "Date"}, "description": [{"name": "Description"}],
                             "amount": {"index": 2}},
                 "currency": "UGX"}
                """;

        BankCsvProfile profile = json.readValue(saved, BankCsvProfile.class);

        assertThat(profile.validate()).isEmpty();
        assertThat(profile).extracting(BankCsvProfile::delimiter, BankCsvProfile::quote, BankCsvProfile::encoding,
                BankCsvProfile::decimalSeparator, BankCsvProfile::thousandsSeparator, BankCsvProfile::amountMode,
                BankCsvProfile::negateAmounts).containsExactly(",", "\"", "UTF-8", ".", "", AmountMode.SIGNED, false);
        assertThat(profile.columns().amount()).isEqualTo(at(2));
        assertThat(json.writeValueAsString(profile)).contains("\"thousandsSeparator\":\"\"");
    }

    @Test
    void shouldAcceptEveryLayoutOfTheTestExports() {
        for (String file : Layouts.FILES) {
            assertThat(Layouts.forFile(file).validate()).as(file).isEmpty();
        }
    }

    @Test
    void shouldSayForEachFieldWhatIsWrongWithAnInconsistentProfile() {
        BankCsvProfile profile = new BankCsvProfile(0, null, ":", ":", "klingon-8", "dd/MM/yyyy HH:mm VV", ",",
                ",", AmountMode.DEBIT_CREDIT, true, new BankCsvProfile.Columns(null, null, List.of(), null, null,
                named("Amount"), named("Debit"), null, named("Debit"), null), "kes");

        assertThat(profile.validate()).containsExactly(
                new ProfileError("headerRow", "must be 1 or more: the header's line number, the first line being 1"),
                new ProfileError("delimiter", "must be one of , ; | or a tab, not ':'"),
                new ProfileError("quote", "cannot be the delimiter"),
                new ProfileError("encoding", "'klingon-8' is not a character set this system knows: use a name such "
                        + "as UTF-8 or windows-1252"),
                new ProfileError("dateFormat", "'dd/MM/yyyy HH:mm VV' does not give a whole date: it needs a day "
                        + "(dd), a month (MM or MMM) and a year (yyyy or yy), and may add a time (HH:mm) but no time "
                        + "zone"),
                new ProfileError("thousandsSeparator", "cannot be the decimal separator ','"),
                new ProfileError("columns.date", "is required"),
                new ProfileError("columns.description", "needs at least one column"),
                new ProfileError("columns.credit", "is required when amountMode is DEBIT_CREDIT: the money-in column"),
                new ProfileError("columns.amount", "is only for amountMode SIGNED; with DEBIT_CREDIT, map "
                        + "columns.debit and columns.credit"),
                new ProfileError("negateAmounts", "is only for amountMode SIGNED: debit and credit columns already "
                        + "say which way the money went"),
                new ProfileError("columns.balance", "is the same column as columns.debit"),
                new ProfileError("currency", "must be a three-letter ISO 4217 code in capitals, like KES, NGN or "
                        + "ZAR"));
    }

    @Test
    void shouldSayWhichColumnsDoNotFitTheSignatureOrAreHalfGiven() {
        BankCsvProfile profile = Layouts.fnb().toBuilder()
                .date(named("Posting Date"))
                .balance(at(9))
                .description(new Column("Description", 3), new Column(" ", null), at(-1))
                .build();

        assertThat(profile.validate()).containsExactly(
                new ProfileError("columns.date", "'Posting Date' is not one of the header cells in headerSignature"),
                new ProfileError("columns.description[0]", "give the column's header name or its index (from 0), "
                        + "one of the two"),
                new ProfileError("columns.description[1]", "the header name cannot be blank"),
                new ProfileError("columns.description[2]", "the index counts from 0 and cannot be negative"),
                new ProfileError("columns.balance", "index 9 is past the 4 cells of headerSignature"));
    }

    @Test
    void shouldRefuseDateFormatsThatAreNotPatternsOrAreMissing() {
        assertThat(Layouts.fnb().toBuilder().dateFormat("dd/MM/yyyy {").build().validate())
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("dateFormat");
                    assertThat(error.message()).startsWith("'dd/MM/yyyy {' is not a date pattern: ");
                });
        assertThat(Layouts.fnb().toBuilder().dateFormat(null).build().validate()).containsExactly(
                new ProfileError("dateFormat", "is required: the java.time pattern of the date column, like "
                        + "dd/MM/yyyy"));
        assertThat(Layouts.fnb().toBuilder().dateFormat("MM/yyyy").build().validate())
                .extracting(ProfileError::field).containsExactly("dateFormat");
    }

    @Test
    void shouldAskForTheMissingAmountColumnsOfEachMode() {
        BankCsvProfile signedWithDebit = Layouts.fnb().toBuilder().amount(null).debit(at(1)).build();
        BankCsvProfile debitCreditWithoutDebit = Layouts.equity().toBuilder().debit(null).build();

        assertThat(signedWithDebit.validate()).containsExactly(
                new ProfileError("columns.amount", "is required when amountMode is SIGNED"),
                new ProfileError("columns.debit", "is only for amountMode DEBIT_CREDIT; with SIGNED, map "
                        + "columns.amount"));
        assertThat(debitCreditWithoutDebit.validate()).containsExactly(
                new ProfileError("columns.debit", "is required when amountMode is DEBIT_CREDIT: the money-out "
                        + "column"));
    }

    @Test
    void shouldThrowEveryProblemAtOnceWhenRequiredValid() {
        BankCsvProfile profile = Layouts.fnb().toBuilder().delimiter("#").currency("rand").build();

        assertThatThrownBy(profile::requireValid)
                .isInstanceOf(IllegalArgumentException.class)
                .isInstanceOfSatisfying(InvalidBankCsvProfileException.class, e -> assertThat(e.errors())
                        .extracting(ProfileError::field).containsExactly("delimiter", "currency"))
                .hasMessageStartingWith("The bank CSV profile is not usable: delimiter: must be one of");
        assertThat(Layouts.fnb().requireValid()).isEqualTo(Layouts.fnb());
    }

    @Test
    void shouldMatchNothingWhenInvalidOrWhenItCanOnlyFindColumnsByIndex() {
        BankCsvProfile invalid = Layouts.equity().toBuilder().encoding("nope").build();
        BankCsvProfile byIndexOnly = Layouts.fnb().toBuilder().headerSignature((String[]) null).headerRow(6).build();

        assertThat(invalid.matches(Layouts.head(Layouts.EQUITY))).isFalse();
        assertThat(byIndexOnly.validate()).isEmpty();
        assertThat(byIndexOnly.matches(Layouts.head(Layouts.FNB))).isFalse();
    }

    @Test
    void shouldMatchASignatureWhateverTheCaseAndSpacingOfTheHeader() {
        String head = "Statement\n\"  TRANSACTION DATE \",value date,Narrative,Transaction   Reference,DEBIT,Credit,"
                + "Running Balance,\n";

        assertThat(Layouts.equity().matches(head)).isTrue();
    }
}
