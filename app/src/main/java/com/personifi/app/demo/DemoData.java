package com.personifi.app.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;

import com.personifi.api.auth.AuthController;
import com.personifi.api.auth.SignUps;
import com.personifi.api.auth.Users;
import com.personifi.ingest.ImportCommand;
import com.personifi.ingest.ImportResult;
import com.personifi.ingest.StatementImporter;
import com.personifi.ingest.demo.SyntheticMpesaStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On first start of the local profile: a demo user with three months of a synthetic M-Pesa statement, imported
 * through the same path as any upload, so a person has a dashboard to look at straight away.
 */
@Component
@ConditionalOnProperty(prefix = "personifi.demo", name = "enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    static final String EMAIL = "demo@personifi.africa";
    static final String PASSWORD = "personifi-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Users users;
    private final SignUps signUps;
    private final StatementImporter importer;

    DemoData(Users users, SignUps signUps, StatementImporter importer) {
        this.users = users;
        this.signUps = signUps;
        this.importer = importer;
    }

    @Override
    public void run(ApplicationArguments args) {
        YearMonth lastMonth = YearMonth.from(LocalDate.now()).minusMonths(1);
        if (users.findByLogin(EMAIL).isEmpty()) {
            AuthController.RegisterResponse demo = signUps.register(
                    new AuthController.RegisterRequest(EMAIL, null, PASSWORD, "KES", "Africa/Nairobi"));
            SyntheticMpesaStatement statement = SyntheticMpesaStatement.generate(2026, lastMonth.minusMonths(2), 3, 70);
            ImportResult result = importer.importStatement(
                    new ImportCommand(demo.userId(), demo.defaultAccountId(), "KES", "demo-mpesa-statement.csv"),
                    new ByteArrayInputStream(statement.toCsv().getBytes(StandardCharsets.UTF_8)));
            log.info("Demo data: {} M-Pesa transactions from {} to {}", result.published(), lastMonth.minusMonths(2),
                    lastMonth);
        }
        log.info("Demo user: {} / {} — try the dashboard for month {}", EMAIL, PASSWORD, lastMonth);
    }
}
