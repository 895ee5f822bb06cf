package com.personifi.api.imports;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.UUID;

import com.personifi.api.accounts.Accounts;
import com.personifi.api.auth.CurrentUser;
import com.personifi.api.auth.Users;
import com.personifi.api.web.NotFoundException;
import com.personifi.ingest.ImportCommand;
import com.personifi.ingest.ImportResult;
import com.personifi.ingest.StatementImporter;
import com.personifi.ingest.UploadPassword;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Statement uploads. The file's rows go to the ledger through Kafka; the answer says how many rows were read,
 * published, skipped (no money moved) and rejected, with the first rejected rows and their reasons.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportsController {

    private final StatementImporter importer;
    private final Accounts accounts;
    private final Users users;

    ImportsController(StatementImporter importer, Accounts accounts, Users users) {
        this.importer = importer;
        this.accounts = accounts;
        this.users = users;
    }

    /**
     * Without accountId, the statement goes to the user's first mobile-money account. A protected statement (an
     * M-Pesa PDF is locked with the customer's ID number) comes with its password as a form field, never in the
     * URL, where access logs would keep it; it is cleared once the file is read.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportResult upload(@AuthenticationPrincipal CurrentUser user, @RequestPart("file") MultipartFile file,
                        @RequestParam(required = false) UUID accountId,
                        @RequestPart(name = "password", required = false) String password) throws IOException {
        UploadPassword uploadPassword = UploadPassword.of(password);
        Accounts.Account account = accountId != null
                ? accounts.find(user.id(), accountId).orElseThrow(() -> new NotFoundException("No account " + accountId))
                : accounts.of(user.id()).stream().filter(a -> a.type().equals("MOBILE_MONEY")).findFirst()
                        .orElseThrow(() -> new NotFoundException("No mobile-money account to import into"));
        ZoneId timeZone = users.findById(user.id()).map(u -> ZoneId.of(u.timeZone()))
                .orElse(ImportCommand.DEFAULT_TIME_ZONE);
        try (InputStream content = file.getInputStream()) {
            return importer.importStatement(new ImportCommand(user.id(), account.id(), account.currency(),
                    file.getOriginalFilename(), timeZone, uploadPassword), content);
        } finally {
            uploadPassword.clear();
        }
    }
}
