package com.personifi.connectors.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.personifi.schemas.events.BudgetAlert;
import org.junit.jupiter.api.Test;

class NotificationMessagesUnitTest {

    private static BudgetAlert alert(String category, int threshold, String spent, String limit, String currency,
                                     LocalDate start, LocalDate end) {
        return BudgetAlert.newBuilder().setAlertId("b:" + start + ":" + threshold)
                .setUserId(UUID.randomUUID().toString()).setBudgetId("b").setCategory(category)
                .setPeriodStart(start).setPeriodEnd(end).setThresholdPercent(threshold)
                .setSpent(new BigDecimal(spent).setScale(4)).setLimit(new BigDecimal(limit).setScale(4))
                .setCurrency(currency).setRaisedAt(Instant.parse("2024-05-20T08:00:00Z")).build();
    }

    @Test
    void moneyIsWrittenWithItsCurrencyAtTheCurrencysMinorUnit() {
        assertThat(MoneyText.format(new BigDecimal("1234567.8950"), "KES")).isEqualTo("KES 1,234,567.90");
        assertThat(MoneyText.format(new BigDecimal("1250000.5000"), "UGX")).isEqualTo("UGX 1,250,000");
        assertThat(MoneyText.format(new BigDecimal("12.3456"), "BHD")).isEqualTo("BHD 12.346");
        assertThat(MoneyText.format(new BigDecimal("-999.0000"), "TZS")).isEqualTo("TZS -999.00");
        assertThat(MoneyText.plain(new BigDecimal("0.0050"), "KES")).isEqualTo("0.00");
    }

    @Test
    void aCalendarMonthIsNamedAndAnyOtherPeriodGivesItsDays() {
        assertThat(MessageText.period(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 6, 1))).isEqualTo("May 2024");
        assertThat(MessageText.period(LocalDate.of(2024, 5, 25), LocalDate.of(2024, 6, 25)))
                .isEqualTo("25 May-24 Jun 2024");
        assertThat(MessageText.period(LocalDate.of(2024, 12, 30), LocalDate.of(2025, 1, 6)))
                .isEqualTo("30 Dec 2024-5 Jan 2025");
    }

    @Test
    void aThresholdAlertSaysHowMuchOfWhichBudgetIsSpent() {
        Notification n = BudgetAlertMessages.render(alert("airtime-data", 80, "4100", "5000", "KES",
                LocalDate.of(2024, 5, 1), LocalDate.of(2024, 6, 1)), "Airtime & Data");

        assertThat(n.smsText()).isEqualTo(
                "PersoniFi: 80% of your Airtime & Data budget for May 2024 is spent: KES 4,100.00 of KES 5,000.00.");
        assertThat(n.id()).isEqualTo("budget-alert:b:2024-05-01:80");
        assertThat(n.emailSubject()).isEqualTo("Airtime & Data budget: 80% spent (May 2024)");
        assertThat(n.emailText()).contains("Left to spend: KES 900.00.");
        assertThat(n.webhookBody()).contains("\"spent\":{\"amount\":\"4100.00\",\"currency\":\"KES\"}");
    }

    @Test
    void aLongCategoryNameIsShortenedSoTheSmsStaysOneMessageWithItsFigures() {
        String name = "Health (NHIF/SHA, clinics, pharmacy) and everything else my family needs this season";
        Notification n = BudgetAlertMessages.render(alert("health", 100, "123456789012.3456", "100000000000", "UGX",
                LocalDate.of(2024, 5, 25), LocalDate.of(2024, 6, 25)), name);

        assertThat(n.smsText()).hasSizeLessThanOrEqualTo(160)
                .startsWith("PersoniFi: your Health (NHIF")
                .endsWith("... budget for 25 May-24 Jun 2024 is used up: UGX 123,456,789,012 spent of UGX 100,000,000,000.");
    }

    @Test
    void aFinishedImportGivesItsCountsAndAFailedOneSaysSo() {
        UUID job = UUID.randomUUID();
        Notification done = ImportMessages.render(new ImportMessages.FinishedImport(job, UUID.randomUUID(), true,
                "statement.csv", 120, 4, 1, null, Instant.parse("2024-05-20T08:00:00Z")));
        Notification failed = ImportMessages.render(new ImportMessages.FinishedImport(job, UUID.randomUUID(), false,
                null, 0, 0, 0, "The file is not a statement.", Instant.parse("2024-05-20T08:00:00Z")));

        assertThat(done.id()).isEqualTo("import-finished:" + job);
        assertThat(done.smsText()).isEqualTo(
                "PersoniFi: import of statement.csv finished: 120 new, 4 already known, 1 refused.");
        assertThat(failed.smsText()).isEqualTo("PersoniFi: import of your statement failed. Open the app to see why.");
        assertThat(failed.emailText()).contains("The file is not a statement.");
    }

    @Test
    void phoneNumbersAreMaskedInWhatIsLoggedOrStored() {
        assertThat(Masking.phone("+254712345678")).isEqualTo("+2547*****678");
        assertThat(Masking.externalText("Invalid phone number: +254712345678\n")).isEqualTo(
                "Invalid phone number: +2547*****678");
    }
}
