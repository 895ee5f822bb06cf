package com.personifi.api.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.personifi.api.accounts.Accounts;
import com.personifi.api.categories.Categories;
import com.personifi.api.web.InvalidFieldsException;
import com.personifi.api.web.InvalidFieldsException.FieldError;
import com.personifi.schemas.events.TransactionSource;
import com.personifi.schemas.money.Money;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The checks bean validation cannot make: they need the user's accounts and categories, or the database's regular
 * expression engine. All problems are reported at once, each under its field, and the definition comes back with
 * its text trimmed. Call it before the change's database transaction begins: a pattern PostgreSQL refuses fails its
 * statement, which would abort a surrounding transaction.
 */
@Component
class RuleValidation {

    static final Set<String> PAYMENT_METHODS = Arrays.stream(TransactionSource.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private final Accounts accounts;
    private final Categories categories;
    private final JdbcClient jdbc;
    /** A savepoint inside a surrounding transaction, whose later statements a refused pattern must not break. */
    private final TransactionTemplate savepoint;

    RuleValidation(Accounts accounts, Categories categories, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.categories = categories;
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    RuleDefinition checked(UUID userId, RuleDefinition rule) {
        List<FieldError> errors = new ArrayList<>();
        RuleDefinition.Conditions when = rule.conditions();
        RuleDefinition.Actions then = rule.actions();
        String descriptionContains = text(errors, "conditions.descriptionContains", when.descriptionContains());
        String counterpartyContains = text(errors, "conditions.counterpartyContains", when.counterpartyContains());
        String merchantCode = text(errors, "conditions.merchantCode", when.merchantCode());
        String regex = when.descriptionRegex();
        if (regex != null) {
            String problem = regex.isBlank() ? "must not be blank" : regexProblem(regex);
            if (problem != null) {
                errors.add(new FieldError("conditions.descriptionRegex", problem));
            }
        }
        BigDecimal min = when.minAmount();
        BigDecimal max = when.maxAmount();
        if (min != null && max != null && min.compareTo(max) > 0) {
            errors.add(new FieldError("conditions.minAmount", "must not be more than maxAmount"));
        }
        if (when.accountId() != null && accounts.find(userId, when.accountId()).isEmpty()) {
            errors.add(new FieldError("conditions.accountId", "is not one of your accounts"));
        }
        if (when.currency() != null) {
            try {
                Money.currency(when.currency());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("conditions.currency", "is not an ISO 4217 currency"));
            }
        }
        if (when.paymentMethod() != null && !PAYMENT_METHODS.contains(when.paymentMethod())) {
            errors.add(new FieldError("conditions.paymentMethod", "must be one of " + PAYMENT_METHODS.stream()
                    .sorted().toList()));
        }
        if (when.noneGiven()) {
            errors.add(new FieldError("conditions", "needs at least one condition"));
        }

        String category = text(errors, "actions.category", then.category());
        if (category != null && !categories.exists(userId, category)) {
            errors.add(new FieldError("actions.category", "is not one of your categories"));
        }
        String rename = text(errors, "actions.renameCounterparty", then.renameCounterparty());
        List<String> tags = then.addTags() == null ? null
                : then.addTags().stream().map(String::strip).distinct().toList();
        if (then.noneGiven()) {
            errors.add(new FieldError("actions", "needs at least one action"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        return new RuleDefinition(rule.priority(),
                new RuleDefinition.Conditions(descriptionContains, counterpartyContains, regex, merchantCode, min, max,
                        when.accountId(), when.direction(), when.currency(), when.paymentMethod()),
                new RuleDefinition.Actions(category, tags, rename));
    }

    /** Java and PostgreSQL must both accept it: the stream runs one, preview and apply the other. */
    private String regexProblem(String regex) {
        String problem = RuleRegex.problem(regex);
        if (problem != null) {
            return problem;
        }
        try {
            savepoint.executeWithoutResult(ignored -> jdbc.sql("SELECT '' ~* ?").param(RuleRegex.forPostgres(regex))
                    .query(Boolean.class).single());
            return null;
        } catch (DataAccessException e) {
            return "uses syntax the categorizer and the database do not share";
        }
    }

    /** Absent stays absent; given text must say something, and is kept trimmed. */
    private static String text(List<FieldError> errors, String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        return value.strip();
    }
}
