package com.personifi.api.budgets;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.audit.AuditLog;
import com.personifi.api.auth.Users;
import com.personifi.api.categories.Categories;
import com.personifi.api.web.ConflictException;
import com.personifi.api.web.InvalidFieldsException;
import com.personifi.api.web.InvalidFieldsException.FieldError;
import com.personifi.api.web.NotFoundException;
import com.personifi.schemas.money.Money;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, replacing and deleting budgets, checked as the stream would read them, each with its audit entry. */
@Service
class BudgetChanges {

    /**
     * Far more than anyone keeps; the stream gets a user's budgets as one record, which must stay well under the
     * broker's 1 MB. A soft cap: two creates at the same instant may both pass.
     */
    static final int MAX_BUDGETS = 100;

    private final Budgets budgets;
    private final Categories categories;
    private final Users users;
    private final AuditLog audit;
    private final BudgetRecounts recounts;

    BudgetChanges(Budgets budgets, Categories categories, Users users, AuditLog audit, BudgetRecounts recounts) {
        this.recounts = recounts;
        this.budgets = budgets;
        this.categories = categories;
        this.users = users;
        this.audit = audit;
    }

    @Transactional
    Budgets.Budget create(UUID userId, BudgetDefinition definition) {
        if (budgets.countLive(userId) >= MAX_BUDGETS) {
            throw new ConflictException("At most " + MAX_BUDGETS + " budgets; delete one first");
        }
        UUID id = budgets.create(userId, checked(userId, definition));
        Budgets.Budget created = budgets.find(userId, id).orElseThrow();
        audit.record(userId, "budget", id, "create", null, snapshot(created, false));
        recounts.recount(userId, List.of(created));
        return created;
    }

    @Transactional
    Budgets.Budget replace(UUID userId, UUID id, BudgetDefinition definition) {
        Budgets.Budget before = existing(userId, id);
        budgets.replace(userId, id, checked(userId, definition));
        Budgets.Budget after = budgets.find(userId, id).orElseThrow();
        audit.record(userId, "budget", id, "update", snapshot(before, false), snapshot(after, false));
        recounts.recount(userId, List.of(before, after));
        return after;
    }

    @Transactional
    void delete(UUID userId, UUID id) {
        Budgets.Budget before = existing(userId, id);
        budgets.softDelete(userId, id);
        audit.record(userId, "budget", id, "delete", snapshot(before, false), snapshot(before, true));
    }

    private Budgets.Budget existing(UUID userId, UUID id) {
        return budgets.lock(userId, id).orElseThrow(() -> new NotFoundException("No budget " + id));
    }

    /** Every problem at once, each under its field; defaults filled in. */
    private Budgets.Values checked(UUID userId, BudgetDefinition b) {
        List<FieldError> errors = new ArrayList<>();
        String category = b.category().strip();
        if (!categories.exists(userId, category)) {
            errors.add(new FieldError("category", "is not one of your categories"));
        }
        String currency = b.currency() != null ? b.currency()
                : users.findById(userId).map(Users.User::baseCurrency).orElse("KES");
        BigDecimal amount = b.amount();
        try {
            int minorUnits = Money.minorUnits(Money.currency(currency));
            if (amount.stripTrailingZeros().scale() > minorUnits) {
                errors.add(new FieldError("amount", "has more decimals than " + currency + " allows (" + minorUnits
                        + ")"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("currency", "is not an ISO 4217 currency"));
        }
        String period = b.period() == null ? "MONTHLY" : b.period();
        int startDay = b.startDay() == null ? 1 : b.startDay();
        if (startDay > BudgetPeriod.maxStartDay(period)) {
            errors.add(new FieldError("startDay", "must be an ISO day of the week, 1 (Monday) to 7, for a WEEKLY budget"));
        }
        List<Integer> thresholds = b.thresholds() == null ? BudgetDefinition.DEFAULT_THRESHOLDS : b.thresholds();
        for (int i = 1; i < thresholds.size(); i++) {
            if (thresholds.get(i) != null && thresholds.get(i - 1) != null && thresholds.get(i) <= thresholds.get(i - 1)) {
                errors.add(new FieldError("thresholds", "must be in ascending order without repeats"));
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        return new Budgets.Values(category, amount, currency, period, startDay, List.copyOf(thresholds));
    }

    private static Map<String, Object> snapshot(Budgets.Budget b, boolean deleted) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("category", b.category());
        fields.put("amount", b.amount().toPlainString());
        fields.put("currency", b.currency());
        fields.put("period", b.period());
        fields.put("startDay", b.startDay());
        fields.put("thresholds", b.thresholds());
        fields.put("deleted", deleted);
        return fields;
    }
}
