package com.personifi.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import com.personifi.ingest.demo.SyntheticMpesaStatement;
import com.personifi.schemas.events.TransactionSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each format is told from the first bytes of its content, as the importer sees them, never from a file name. */
class StatementFormatTest {

    /** The importer decides on the first 8 KB. */
    private static String head(String resource) {
        try (InputStream in = StatementFormatTest.class.getResourceAsStream("/statements/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readNBytes(8192), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "wallets/mtn_momo_ug_history.csv, MTN_MOMO_CSV",
            "wallets/airtel_money_ug_statement.csv, AIRTEL_MONEY_CSV",
            "wallets/mpesa_business_portal.csv, MPESA_CSV",
            "camt053/genkgo_camt053.v8.xml, CAMT053",
            "camt053/genkgo_camt053.v2.multi.statement.xml, CAMT053",
            "ofx/ofxparse_checking.ofx, OFX",
            "ofx/ofxparse_suncorp.ofx, OFX",
            "ofx/node-ofx_example-xml.qfx, OFX",
            "mt940/cmxl_mt940.sta, MT940",
            "mt940/jejik_abnamro.sta, MT940",
            "qif/jemmyw-qif_3_records_ddmmyy.qif, QIF",
            "qif/personifi_splits_and_bad_records.qif, QIF"})
    void recognisesEachSampleByItsContent(String resource, StatementFormat expected) {
        assertThat(StatementFormat.detect(head(resource))).contains(expected);
    }

    @Test
    void stillRecognisesThePersonalMpesaCsvAndPdf() {
        String csv = SyntheticMpesaStatement.generate(3, java.time.YearMonth.of(2024, 5), 2, 10).toCsv();

        assertThat(StatementFormat.detect(csv)).contains(StatementFormat.MPESA_CSV);
        assertThat(StatementFormat.detect("M-PESA STATEMENT\nCustomer Name: DEMO\n" + csv))
                .contains(StatementFormat.MPESA_CSV);
        assertThat(StatementFormat.detect("%PDF-1.7\n%âãÏÓ\n")).contains(StatementFormat.MPESA_PDF);
    }

    /** These are the user's saved bank CSV profiles' to read, not a wallet layout's. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"bankcsv/equity_ke_statement.csv", "bankcsv/gtbank_ng_statement.csv", "bankcsv/fnb_za_transactions.csv",
            "bankcsv/stanbic_ug_statement.csv"})
    void leavesBankExportsToSavedProfiles(String resource) {
        assertThat(StatementFormat.detect(head(resource))).isEmpty();
    }

    @Test
    void leavesACsvThatIsNoKnownStatementUnrecognised() {
        assertThat(StatementFormat.detect("Date;Amount\n2024-01-01;5\n")).isEmpty();
        assertThat(StatementFormat.detect("Date,Description,Amount,Balance\n2024-01-01,Rent,-500,100\n")).isEmpty();
        assertThat(StatementFormat.detect("GIF89a not a statement")).isEqualTo(Optional.empty());
    }

    @Test
    void publishesWalletEntriesAsMobileMoneyAndBankEntriesAsBankStatements() {
        assertThat(StatementFormat.MTN_MOMO_CSV.source()).isEqualTo(TransactionSource.MOBILE_MONEY_STATEMENT);
        assertThat(StatementFormat.AIRTEL_MONEY_CSV.source()).isEqualTo(TransactionSource.MOBILE_MONEY_STATEMENT);
        assertThat(Arrays.asList(StatementFormat.CAMT053, StatementFormat.OFX, StatementFormat.MT940,
                StatementFormat.QIF)).allSatisfy(f -> assertThat(f.source()).isEqualTo(TransactionSource.BANK_STATEMENT));
        assertThat(StatementFormat.MPESA_CSV.source()).isEqualTo(TransactionSource.MPESA_STATEMENT);
    }

    @Test
    void namesTheWalletFormatsInTheRefusalOfAnUnknownFile() {
        assertThat(StatementFormat.supported()).contains("an MTN MoMo statement CSV", "an Airtel Money statement CSV",
                "an M-Pesa statement CSV", "OFX/QFX", "QIF");
    }
}
