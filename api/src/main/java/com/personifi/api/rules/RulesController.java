package com.personifi.api.rules;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The user's categorization rules. The stream applies them to every new transaction (the first match by priority
 * wins, before anything learned or built in); preview and apply bring one rule to transactions already booked.
 */
@RestController
@RequestMapping("/api/v1/rules")
class RulesController {

    /** Parts given replace the rule's; a part left out stays as it is. */
    record RulePatch(@Min(0) @Max(100_000) Integer priority, @Valid RuleDefinition.Conditions conditions,
                     @Valid RuleDefinition.Actions actions) {

        RuleDefinition appliedTo(RuleDefinition current) {
            return new RuleDefinition(priority == null ? current.priority() : priority,
                    conditions == null ? current.conditions() : conditions,
                    actions == null ? current.actions() : actions);
        }
    }

    private final CategoryRules rules;
    private final RuleValidation validation;
    private final RuleChanges changes;
    private final RuleEffects effects;

    RulesController(CategoryRules rules, RuleValidation validation, RuleChanges changes, RuleEffects effects) {
        this.rules = rules;
        this.validation = validation;
        this.changes = changes;
        this.effects = effects;
    }

    /** Every rule of the user, in the order the categorizer tries them (lowest priority first). */
    @GetMapping
    List<CategoryRules.Rule> list(@AuthenticationPrincipal CurrentUser user) {
        return rules.of(user.id());
    }

    @GetMapping("/{id}")
    CategoryRules.Rule get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return rules.find(user.id(), id).orElseThrow(() -> new NotFoundException("No rule " + id));
    }

    /** A new rule: at least one condition and one action; it applies to transactions arriving from now on. */
    @PostMapping
    ResponseEntity<CategoryRules.Rule> create(@AuthenticationPrincipal CurrentUser user,
                                              @Valid @RequestBody RuleDefinition rule) {
        CategoryRules.Rule created = changes.create(user.id(), validation.checked(user.id(), rule));
        return ResponseEntity.created(URI.create("/api/v1/rules/" + created.id())).body(created);
    }

    /** Replaces the whole rule. */
    @PutMapping("/{id}")
    CategoryRules.Rule replace(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                               @Valid @RequestBody RuleDefinition rule) {
        get(user, id);
        return changes.replace(user.id(), id, validation.checked(user.id(), rule));
    }

    /** Replaces the priority, the conditions or the actions, whichever are given. */
    @PatchMapping("/{id}")
    CategoryRules.Rule patch(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                             @Valid @RequestBody RulePatch patch) {
        RuleDefinition merged = patch.appliedTo(get(user, id).definition());
        return changes.replace(user.id(), id, validation.checked(user.id(), merged));
    }

    /** Soft delete: the categorizer stops using it; transactions it already categorized keep their category. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        changes.delete(user.id(), id);
        return ResponseEntity.noContent().build();
    }

    /**
     * The user's booked transactions (not deleted) this rule would change — it matches them and would give them
     * another category, a new tag or another counterparty — with each one's state before and after, newest first.
     * Transactions whose category the user chose are never changed; {@code skippedManual} counts the matching ones.
     */
    @PostMapping("/{id}/preview")
    RuleEffects.Preview preview(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
                                @RequestParam(defaultValue = "100") @Min(1) @Max(RuleEffects.MAX_PREVIEW) int limit) {
        return effects.preview(user.id(), id, limit);
    }

    /**
     * Applies the rule to exactly the transactions its preview lists: category (marked RULE), tags added,
     * counterparty renamed, each change in the audit log. Only this rule is applied, whatever its priority.
     */
    @PostMapping("/{id}/apply")
    RuleEffects.Applied apply(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return effects.apply(user.id(), id);
    }
}
