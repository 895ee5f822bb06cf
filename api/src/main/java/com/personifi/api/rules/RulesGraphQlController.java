package com.personifi.api.rules;

import java.util.List;
import java.util.UUID;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.idempotency.GraphQlCreates;
import com.personifi.api.web.DeletePayload;
import com.personifi.api.web.NotFoundException;
import com.personifi.api.web.UserError;
import com.personifi.api.web.UserErrors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Categorization rules in GraphQL, over the same services as REST: the same bean-validation constraints and domain
 * checks ({@link RuleValidation}), the same audited changes, and preview and apply through {@link RuleEffects}.
 * Expected failures are typed errors in each payload.
 */
@Controller
class RulesGraphQlController {

    record RulePayload(CategoryRules.Rule rule, List<UserError> errors) {
    }

    record RulePreviewPayload(RuleEffects.Preview preview, List<UserError> errors) {
    }

    record ApplyRulePayload(RuleEffects.Applied applied, List<UserError> errors) {
    }

    private final CategoryRules rules;
    private final RuleValidation validation;
    private final RuleChanges changes;
    private final RuleEffects effects;
    private final UserErrors userErrors;
    private final GraphQlCreates creates;

    RulesGraphQlController(CategoryRules rules, RuleValidation validation, RuleChanges changes, RuleEffects effects,
                           UserErrors userErrors, GraphQlCreates creates) {
        this.creates = creates;
        this.rules = rules;
        this.validation = validation;
        this.changes = changes;
        this.effects = effects;
        this.userErrors = userErrors;
    }

    @QueryMapping(name = "rules")
    List<CategoryRules.Rule> ruleList(@AuthenticationPrincipal CurrentUser user) {
        return rules.of(user.id());
    }

    @QueryMapping
    RulePreviewPayload previewRule(@AuthenticationPrincipal CurrentUser user, @Argument UUID id,
                                   @Argument int limit) {
        if (limit < 1 || limit > RuleEffects.MAX_PREVIEW) {
            return new RulePreviewPayload(null, List.of(UserError.invalid("limit",
                    "must be between 1 and " + RuleEffects.MAX_PREVIEW)));
        }
        UserErrors.Outcome<RuleEffects.Preview> preview = userErrors.attempt(null, "id",
                () -> effects.preview(user.id(), id, limit));
        return new RulePreviewPayload(preview.value(), preview.errors());
    }

    /** Absent tags are an empty list here, as they are to the categorizer. */
    @SchemaMapping(typeName = "RuleActions", field = "addTags")
    List<String> addTags(RuleDefinition.Actions actions) {
        return actions.tags();
    }

    @MutationMapping
    RulePayload createRule(@AuthenticationPrincipal CurrentUser user, @Argument RuleDefinition input,
                           @Argument String idempotencyKey) {
        UserErrors.Outcome<CategoryRules.Rule> created = creates.once(user.id(), idempotencyKey, "createRule", input,
                CategoryRules.Rule.class, () -> userErrors.attempt(input, null,
                        () -> changes.create(user.id(), validation.checked(user.id(), input))));
        return new RulePayload(created.value(), created.errors());
    }

    @MutationMapping
    RulePayload updateRule(@AuthenticationPrincipal CurrentUser user, @Argument UUID id,
                           @Argument RulesController.RulePatch input) {
        UserErrors.Outcome<CategoryRules.Rule> updated = userErrors.attempt(input, "id", () -> {
            RuleDefinition current = rules.find(user.id(), id)
                    .orElseThrow(() -> new NotFoundException("No rule " + id)).definition();
            return changes.replace(user.id(), id, validation.checked(user.id(), input.appliedTo(current)));
        });
        return new RulePayload(updated.value(), updated.errors());
    }

    @MutationMapping
    DeletePayload deleteRule(@AuthenticationPrincipal CurrentUser user, @Argument UUID id) {
        UserErrors.Outcome<UUID> deleted = userErrors.attempt(null, "id", () -> {
            changes.delete(user.id(), id);
            return id;
        });
        return DeletePayload.of(deleted);
    }

    @MutationMapping
    ApplyRulePayload applyRule(@AuthenticationPrincipal CurrentUser user, @Argument UUID id) {
        UserErrors.Outcome<RuleEffects.Applied> applied = userErrors.attempt(null, "id",
                () -> effects.apply(user.id(), id));
        return new ApplyRulePayload(applied.value(), applied.errors());
    }
}
