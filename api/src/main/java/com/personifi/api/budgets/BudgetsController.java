package com.personifi.api.budgets;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Spending limits per category and period; the stream alerts when spending crosses their thresholds. */
@RestController
@RequestMapping("/api/v1/budgets")
class BudgetsController {

    private final Budgets budgets;
    private final BudgetChanges changes;
    private final BudgetStatuses statuses;
    private final Users users;
    private final Clock clock = Clock.systemUTC();

    BudgetsController(Budgets budgets, BudgetChanges changes, BudgetStatuses statuses, Users users) {
        this.budgets = budgets;
        this.changes = changes;
        this.statuses = statuses;
        this.users = users;
    }

    @GetMapping
    List<Budgets.Budget> list(@AuthenticationPrincipal CurrentUser user) {
        return budgets.of(user.id());
    }

    /**
     * Every budget's current period — in the user's time zone — with what was spent in it so far, the percentage
     * of the limit and the thresholds crossed. {@code date} shows the periods containing another day instead.
     */
    @GetMapping("/status")
    List<BudgetStatuses.Status> status(@AuthenticationPrincipal CurrentUser user,
                                       @RequestParam(required = false) LocalDate date) {
        ZoneId zone = users.timeZone(user.id());
        return statuses.on(user.id(), date != null ? date : LocalDate.now(clock.withZone(zone)), zone);
    }

    @GetMapping("/{id}")
    Budgets.Budget get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return budgets.find(user.id(), id).orElseThrow(() -> new NotFoundException("No budget " + id));
    }

    @PostMapping
    ResponseEntity<Budgets.Budget> create(@AuthenticationPrincipal CurrentUser user,
                                          @Valid @RequestBody BudgetDefinition budget) {
        Budgets.Budget created = changes.create(user.id(), budget);
        return ResponseEntity.created(URI.create("/api/v1/budgets/" + created.id())).body(created);
    }

    /** Replaces the whole budget; fields left out take their defaults again. */
    @PutMapping("/{id}")
    Budgets.Budget replace(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                           @Valid @RequestBody BudgetDefinition budget) {
        return changes.replace(user.id(), id, budget);
    }

    /** Soft delete: the stream stops counting toward it. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        changes.delete(user.id(), id);
        return ResponseEntity.noContent().build();
    }
}
