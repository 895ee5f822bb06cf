package com.personifi.api.imports;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.personifi.api.audit.AuditLog;
import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.NotFoundException;
import com.personifi.ingest.job.BankCsvProfiles;
import com.personifi.ingest.statement.csv.BankCsvProfile;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's saved bank CSV layouts. Once saved, an upload in no built-in format is read with the profile whose header
 * row the file carries, or with the one named by {@code csvProfileId} on the upload. An invalid profile is refused
 * with a 400 problem listing every field that is wrong.
 */
@RestController
@RequestMapping("/api/v1/imports/csv-profiles")
class CsvProfilesController {

    record ProfileRequest(@NotBlank @Size(max = 100) String name, @NotNull BankCsvProfile profile) {
    }

    record ProfileView(UUID id, String name, BankCsvProfile profile) {
        static ProfileView of(BankCsvProfiles.Saved saved) {
            return new ProfileView(saved.id(), saved.name(), saved.profile());
        }
    }

    private final BankCsvProfiles profiles;
    private final AuditLog audit;

    CsvProfilesController(BankCsvProfiles profiles, AuditLog audit) {
        this.profiles = profiles;
        this.audit = audit;
    }

    @PostMapping
    ResponseEntity<ProfileView> create(@AuthenticationPrincipal CurrentUser user,
                                       @Valid @RequestBody ProfileRequest request) {
        BankCsvProfiles.Saved saved = audit.together(() -> {
            BankCsvProfiles.Saved created = profiles.create(user.id(), request.name(), request.profile());
            audit.record(user.id(), "csv_profile", created.id(), "create", null, snapshot(created));
            return created;
        });
        return ResponseEntity.created(URI.create("/api/v1/imports/csv-profiles/" + saved.id()))
                .body(ProfileView.of(saved));
    }

    @GetMapping
    List<ProfileView> list(@AuthenticationPrincipal CurrentUser user) {
        return profiles.of(user.id()).stream().map(ProfileView::of).toList();
    }

    @GetMapping("/{id}")
    ProfileView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return profiles.find(user.id(), id).map(ProfileView::of).orElseThrow(() -> notFound(id));
    }

    @PutMapping("/{id}")
    ProfileView update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                       @Valid @RequestBody ProfileRequest request) {
        boolean updated = audit.together(() -> {
            Optional<BankCsvProfiles.Saved> before = profiles.find(user.id(), id);
            if (before.isEmpty() || !profiles.update(user.id(), id, request.name(), request.profile())) {
                return false;
            }
            audit.record(user.id(), "csv_profile", id, "update", snapshot(before.get()),
                    snapshot(new BankCsvProfiles.Saved(id, request.name(), request.profile())));
            return true;
        });
        if (!updated) {
            throw notFound(id);
        }
        return new ProfileView(id, request.name(), request.profile());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        boolean deleted = audit.together(() -> {
            Optional<BankCsvProfiles.Saved> before = profiles.find(user.id(), id);
            if (before.isEmpty() || !profiles.delete(user.id(), id)) {
                return false;
            }
            audit.record(user.id(), "csv_profile", id, "delete", snapshot(before.get()), null);
            return true;
        });
        if (!deleted) {
            throw notFound(id);
        }
    }

    private static Map<String, Object> snapshot(BankCsvProfiles.Saved saved) {
        return Map.of("name", saved.name(), "profile", saved.profile());
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No CSV profile " + id);
    }
}
