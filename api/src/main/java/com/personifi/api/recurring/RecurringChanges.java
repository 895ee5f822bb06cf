package com.personifi.api.recurring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.accounts.Accounts;
import com.personifi.api.audit.AuditLog;
import com.personifi.api.categories.Categories;
import com.personifi.api.web.InvalidFieldsException;
import com.personifi.api.web.InvalidFieldsException.FieldError;
import com.personifi.api.web.NotFoundException;
import com.personifi.schemas.money.Money;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, replacing and deleting recurring rules, each with its audit entry. */
@Service
class RecurringChanges {

    private final RecurringRules recurring;
    private final Accounts accounts;
    private final Categories categories;
    private final AuditLog audit;

    RecurringChanges(RecurringRules recurring, Accounts accounts, Categories categories, AuditLog audit) {
        this.recurring = recurring;
        this.accounts = accounts;
        this.categories = categories;
        this.audit = audit;
    }

    /** @param today the user's today, from which the next occurrence is found */
    @Transactional
    RecurringRules.Stored create(UUID userId, RecurringDefinition definition, LocalDate today) {
        UUID id = recurring.create(userId, checked(userId, definition, today, null));
        RecurringRules.Stored created = recurring.find(userId, id).orElseThrow();
        audit.record(userId, "recurring_rule", id, "create", null, snapshot(created, false));
        return created;
    }

    @Transactional
    RecurringRules.Stored replace(UUID userId, UUID id, RecurringDefinition definition, LocalDate today) {
        RecurringRules.Stored before = existing(userId, id);
        recurring.replace(userId, id, checked(userId, definition, today, before.lastBookedOn()));
        RecurringRules.Stored after = recurring.find(userId, id).orElseThrow();
        audit.record(userId, "recurring_rule", id, "update", snapshot(before, false),
                snapshot(after, false));
        return after;
    }

    @Transactional
    void delete(UUID userId, UUID id) {
        RecurringRules.Stored before = existing(userId, id);
        recurring.softDelete(userId, id);
        audit.record(userId, "recurring_rule", id, "delete", snapshot(before, false),
                snapshot(before, true));
    }

    /** The first occurrence not booked yet, from today on; null once the schedule has ended. */
    static LocalDate nextOccurrence(Schedule schedule, LocalDate today, LocalDate lastBookedOn) {
        LocalDate from = lastBookedOn != null && !lastBookedOn.isBefore(today) ? lastBookedOn.plusDays(1) : today;
        return schedule.firstOnOrAfter(from);
    }

    private RecurringRules.Stored existing(UUID userId, UUID id) {
        return recurring.lock(userId, id).orElseThrow(() -> new NotFoundException("No recurring rule " + id));
    }

    private RecurringRules.Values checked(UUID userId, RecurringDefinition r, LocalDate today, LocalDate lastBookedOn) {
        List<FieldError> errors = new ArrayList<>();
        Accounts.Account account = accounts.find(userId, r.accountId()).orElse(null);
        if (account == null) {
            errors.add(new FieldError("accountId", "is not one of your accounts"));
        }
        BigDecimal amount = r.amount();
        if (amount.signum() == 0) {
            errors.add(new FieldError("amount", "must not be zero"));
        } else if (account != null) {
            int minorUnits = Money.minorUnits(Money.currency(account.currency()));
            if (amount.stripTrailingZeros().scale() > minorUnits) {
                errors.add(new FieldError("amount", "has more decimals than " + account.currency() + " allows ("
                        + minorUnits + ")"));
            }
        }
        String category = blankToNull(r.category());
        if (category != null && !categories.exists(userId, category)) {
            errors.add(new FieldError("category", "is not one of your categories"));
        }
        if (r.endDate() != null && r.endDate().isBefore(r.startDate())) {
            errors.add(new FieldError("endDate", "must not be before startDate"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        int interval = r.interval() == null ? 1 : r.interval();
        Schedule schedule = new Schedule(r.cadence(), interval, r.startDate(), r.endDate());
        return new RecurringRules.Values(account.id(), amount, account.currency(), r.description().strip(),
                blankToNull(r.counterparty()), category, r.cadence(), interval, r.startDate(), r.endDate(),
                nextOccurrence(schedule, today, lastBookedOn));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<String, Object> snapshot(RecurringRules.Stored r, boolean deleted) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("accountId", r.accountId().toString());
        fields.put("amount", r.amount().toPlainString());
        fields.put("currency", r.currency());
        fields.put("description", r.description());
        fields.put("counterparty", r.counterparty());
        fields.put("category", r.category());
        fields.put("cadence", r.cadence());
        fields.put("interval", r.interval());
        fields.put("startDate", r.startDate().toString());
        fields.put("endDate", r.endDate() == null ? null : r.endDate().toString());
        fields.put("deleted", deleted);
        return fields;
    }
}
