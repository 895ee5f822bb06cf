package com.personifi.api.recurring;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.auth.Users;
import com.personifi.api.web.NotFoundException;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recurring rules: money that moves on a schedule. They are kept and their next occurrence is shown; booking them as
 * transactions is the nightly recurring job's work, which does not exist yet, so for now nothing is booked.
 */
@RestController
@RequestMapping("/api/v1/recurring")
class RecurringController {

    /** @param nextOccurrence the next day it falls due, in the user's time zone; absent once the schedule ended */
    record RecurringRule(UUID id, UUID accountId, BigDecimal amount, String currency, String description,
                         String counterparty, String category, String cadence, int interval, LocalDate startDate,
                         LocalDate endDate, LocalDate nextOccurrence, Instant createdAt, Instant updatedAt) {

        /** The next occurrence from today, so it stays right on days no booking job has run. */
        static RecurringRule of(RecurringRules.Stored r, LocalDate today) {
            return new RecurringRule(r.id(), r.accountId(), r.amount(), r.currency(), r.description(),
                    r.counterparty(), r.category(), r.cadence(), r.interval(), r.startDate(), r.endDate(),
                    RecurringChanges.nextOccurrence(r.schedule(), today, r.lastBookedOn()), r.createdAt(),
                    r.updatedAt());
        }
    }

    private final RecurringRules recurring;
    private final RecurringChanges changes;
    private final Users users;
    private final Clock clock = Clock.systemUTC();

    RecurringController(RecurringRules recurring, RecurringChanges changes, Users users) {
        this.recurring = recurring;
        this.changes = changes;
        this.users = users;
    }

    @GetMapping
    List<RecurringRule> list(@AuthenticationPrincipal CurrentUser user) {
        LocalDate today = today(user);
        return recurring.of(user.id()).stream().map(r -> RecurringRule.of(r, today)).toList();
    }

    @GetMapping("/{id}")
    RecurringRule get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return recurring.find(user.id(), id).map(r -> RecurringRule.of(r, today(user)))
                .orElseThrow(() -> new NotFoundException("No recurring rule " + id));
    }

    @PostMapping
    ResponseEntity<RecurringRule> create(@AuthenticationPrincipal CurrentUser user,
                                         @Valid @RequestBody RecurringDefinition rule) {
        LocalDate today = today(user);
        RecurringRule created = RecurringRule.of(changes.create(user.id(), rule, today), today);
        return ResponseEntity.created(URI.create("/api/v1/recurring/" + created.id())).body(created);
    }

    /** Replaces the whole rule; occurrences already booked stay booked. */
    @PutMapping("/{id}")
    RecurringRule replace(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                          @Valid @RequestBody RecurringDefinition rule) {
        LocalDate today = today(user);
        return RecurringRule.of(changes.replace(user.id(), id, rule, today), today);
    }

    /** Soft delete: no further occurrences. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        changes.delete(user.id(), id);
        return ResponseEntity.noContent().build();
    }

    private LocalDate today(CurrentUser user) {
        return LocalDate.now(clock.withZone(users.timeZone(user.id())));
    }
}
