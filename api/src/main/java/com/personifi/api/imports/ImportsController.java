package com.personifi.api.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.UUID;

import com.personifi.api.accounts.Accounts;
import com.personifi.api.auth.CurrentUser;
import com.personifi.api.auth.Users;
import com.personifi.api.web.CsvCells;
import com.personifi.api.web.NotFoundException;
import com.personifi.ingest.ImportCommand;
import com.personifi.ingest.StatementImporter;
import com.personifi.ingest.UploadPassword;
import com.personifi.ingest.job.ImportJob;
import com.personifi.ingest.job.ImportJobs;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Statement uploads, run as background jobs. The upload is answered with 202 and the job as soon as the file is
 * stored and recognised; its rows then go to the ledger through Kafka while the client follows the job's progress,
 * by polling or as Server-Sent Events, and downloads the rows that were refused.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportsController {

    private final StatementImporter importer;
    private final ImportJobs jobs;
    private final ImportProgressEvents events;
    private final Accounts accounts;
    private final Users users;

    ImportsController(StatementImporter importer, ImportJobs jobs, ImportProgressEvents events, Accounts accounts,
                      Users users) {
        this.importer = importer;
        this.jobs = jobs;
        this.events = events;
        this.accounts = accounts;
        this.users = users;
    }

    /**
     * Without accountId, the statement goes to the user's first mobile-money account. A protected statement (an
     * M-Pesa PDF is locked with the customer's ID number) comes with its password as a form field, never in the
     * URL, where access logs would keep it; it is held in memory only until the file is read, then cleared. A bank
     * CSV is read with the saved profile {@code csvProfileId}, or else with the first whose header it carries.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportView> upload(@AuthenticationPrincipal CurrentUser user, @RequestPart("file") MultipartFile file,
                                      @RequestParam(required = false) UUID accountId,
                                      @RequestParam(required = false) UUID csvProfileId,
                                      @RequestPart(name = "password", required = false) String password)
            throws IOException {
        UploadPassword uploadPassword = UploadPassword.of(password);
        try {
            Accounts.Account account = accountId != null
                    ? accounts.find(user.id(), accountId).orElseThrow(() -> new NotFoundException("No account " + accountId))
                    : accounts.of(user.id()).stream().filter(a -> a.type().equals("MOBILE_MONEY")).findFirst()
                            .orElseThrow(() -> new NotFoundException("No mobile-money account to import into"));
            ZoneId timeZone = users.findById(user.id()).map(u -> ZoneId.of(u.timeZone()))
                    .orElse(ImportCommand.DEFAULT_TIME_ZONE);
            try (InputStream content = file.getInputStream()) {
                ImportJob job = importer.submit(new ImportCommand(user.id(), account.id(), account.currency(),
                        file.getOriginalFilename(), timeZone, uploadPassword, csvProfileId), content);
                return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + job.id()))
                        .body(ImportView.of(job));
            }
        } catch (RuntimeException | IOException e) {
            uploadPassword.clear();
            throw e;
        }
    }

    @GetMapping("/{jobId}")
    ImportView job(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID jobId) {
        return ImportView.of(find(user, jobId));
    }

    /**
     * A {@code progress} event whenever the counts change (at most twice a second), then one {@code completed} or
     * {@code failed} event, and the stream ends. Each event's data is the job as {@link #job} returns it.
     */
    @GetMapping(path = "/{jobId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID jobId) {
        find(user, jobId);
        return events.follow(user.id(), jobId);
    }

    /** Every refused row as CSV: line, raw text, reason. Cells are quoted and neutralised for spreadsheets. */
    @GetMapping(path = "/{jobId}/errors", produces = "text/csv")
    void errors(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID jobId, HttpServletResponse response)
            throws IOException {
        find(user, jobId);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + jobId + "-errors.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write("line,raw_text,reason\r\n");
        jobs.errors(user.id(), jobId, error -> {
            try {
                out.write(error.line() + "," + CsvCells.safe(error.rawText()) + "," + CsvCells.safe(error.reason())
                        + "\r\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    private ImportJob find(CurrentUser user, UUID jobId) {
        return jobs.find(user.id(), jobId).orElseThrow(() -> new NotFoundException("No import " + jobId));
    }
}
