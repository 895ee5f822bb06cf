package com.personifi.api.me;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.personifi.api.audit.AuditLog;
import com.personifi.api.auth.UserSettingsPublisher;
import com.personifi.api.dashboard.UserDataVersions;
import com.personifi.api.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's own settings: base currency, locale, time zone and which notifications reach them where. Each change
 * is audited with what it was and what it became. A new base currency or time zone also goes to
 * {@code reference.users} at once, as at sign-up, so the next transaction is converted to the new currency even if
 * change data capture is behind; CDC then publishes the same row. Transactions already converted keep their base.
 */
@Service
class PersonalSettings {

    /** The user as the API shows them to themselves: their own email and phone unmasked. */
    record Profile(UUID id, String email, String phone, String displayName, String baseCurrency, String locale,
                   String timeZone, List<NotificationChoices.Preference> notifications) {
    }

    /** Only what is given changes. */
    record Change(@Size(max = 3) String baseCurrency, @Size(max = 35) String locale, @Size(max = 64) String timeZone,
                  @Size(max = 20) List<@Valid @NotNull PreferenceChange> notifications) {
    }

    /**
     * @param kind    {@code BUDGET_ALERT} or {@code IMPORT_FINISHED}
     * @param channel {@code SMS}, {@code EMAIL} or {@code WEBHOOK}
     */
    record PreferenceChange(@NotBlank String kind, @NotBlank String channel, @NotNull Boolean enabled) {
    }

    private record Row(UUID id, String email, String phone, String displayName, String baseCurrency, String locale,
                       String timeZone) {
    }

    private final JdbcClient jdbc;
    private final NotificationChoices preferences;
    private final UserSettingsPublisher publisher;
    private final AuditLog audit;
    private final UserDataVersions versions;

    PersonalSettings(JdbcClient jdbc, NotificationChoices preferences, UserSettingsPublisher publisher,
                     AuditLog audit, UserDataVersions versions) {
        this.audit = audit;
        this.versions = versions;
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.publisher = publisher;
    }

    @Transactional(readOnly = true)
    Profile profile(UUID userId) {
        return profile(row(userId, false));
    }

    /**
     * Checks every field first and refuses them all together, then applies and audits what actually changed. The
     * user's row stays locked until the new settings are published, so two changes cannot reach the stream in the
     * opposite order of their commits.
     */
    @Transactional
    Profile change(UUID userId, Change change) {
        Row before = row(userId, true);
        List<InvalidSettingsException.FieldError> errors = new ArrayList<>();
        String baseCurrency = change.baseCurrency() == null ? before.baseCurrency()
                : SettingValues.currency(change.baseCurrency(), errors);
        String locale = change.locale() == null ? before.locale() : SettingValues.locale(change.locale(), errors);
        String timeZone = change.timeZone() == null ? before.timeZone()
                : SettingValues.timeZone(change.timeZone(), errors);
        List<NotificationChoices.Preference> current = preferences.effective(userId);
        List<PreferenceChange> wanted = change.notifications() == null ? List.of() : change.notifications();
        for (int i = 0; i < wanted.size(); i++) {
            PreferenceChange p = wanted.get(i);
            if (current.stream().noneMatch(c -> c.kind().equals(p.kind()) && c.channel().equals(p.channel()))) {
                errors.add(new InvalidSettingsException.FieldError("notifications[" + i + "]",
                        "no notification " + p.kind() + " by " + p.channel() + "; kinds: " + kinds(current)
                                + ", channels: " + channels(current)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidSettingsException(errors);
        }

        Map<String, Object> was = new LinkedHashMap<>();
        Map<String, Object> is = new LinkedHashMap<>();
        noteChange("baseCurrency", before.baseCurrency(), baseCurrency, was, is);
        noteChange("locale", before.locale(), locale, was, is);
        noteChange("timeZone", before.timeZone(), timeZone, was, is);
        if (!is.isEmpty()) {
            jdbc.sql("UPDATE users SET base_currency = ?, locale = ?, time_zone = ?, updated_at = now() WHERE id = ?")
                    .params(baseCurrency, locale, timeZone, userId).update();
        }
        for (PreferenceChange p : wanted) {
            boolean enabledBefore = current.stream()
                    .filter(c -> c.kind().equals(p.kind()) && c.channel().equals(p.channel()))
                    .findFirst().orElseThrow().enabled();
            preferences.set(userId, p.kind(), p.channel(), p.enabled());
            noteChange("notifications." + p.kind() + "." + p.channel(), enabledBefore, p.enabled(), was, is);
        }
        if (!is.isEmpty()) {
            audit.record(userId, "user", userId, "update-settings", was, is);
        }
        if (is.containsKey("baseCurrency") || is.containsKey("timeZone")) {
            // dashboards are in the base currency and months of the time zone
            versions.changedAfterCommit(userId);
            publisher.publish(userId, baseCurrency, timeZone);
        }
        return profile(row(userId, false));
    }

    private Profile profile(Row row) {
        return new Profile(row.id(), row.email(), row.phone(), row.displayName(), row.baseCurrency(), row.locale(),
                row.timeZone(), preferences.effective(row.id()));
    }

    private Row row(UUID userId, boolean forUpdate) {
        return jdbc.sql("""
                        SELECT id, email, phone, display_name, base_currency, locale, time_zone FROM users
                        WHERE id = ? AND deleted_at IS NULL""" + (forUpdate ? " FOR UPDATE" : ""))
                .param(userId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .optional()
                .orElseThrow(() -> new NotFoundException("No user " + userId));
    }

    private static void noteChange(String field, Object before, Object after, Map<String, Object> was,
                                   Map<String, Object> is) {
        if (!before.equals(after)) {
            was.put(field, before);
            is.put(field, after);
        }
    }

    private static String kinds(List<NotificationChoices.Preference> all) {
        return String.join(", ", all.stream().map(NotificationChoices.Preference::kind).distinct().toList());
    }

    private static String channels(List<NotificationChoices.Preference> all) {
        return String.join(", ", all.stream().map(NotificationChoices.Preference::channel).distinct().toList());
    }

    /** Each setting's rule, normalized to how it is stored. */
    static final class SettingValues {

        private SettingValues() {
        }

        static String currency(String value, List<InvalidSettingsException.FieldError> errors) {
            String code = value.strip().toUpperCase(Locale.ROOT);
            try {
                if (code.matches("[A-Z]{3}")) {
                    return Currency.getInstance(code).getCurrencyCode();
                }
            } catch (IllegalArgumentException e) {
                // falls through to the field error
            }
            errors.add(new InvalidSettingsException.FieldError("baseCurrency",
                    "must be an ISO 4217 currency code like KES, UGX or USD"));
            return value;
        }

        static String locale(String value, List<InvalidSettingsException.FieldError> errors) {
            try {
                Locale locale = new Locale.Builder().setLanguageTag(value.strip()).build();
                if (!locale.getLanguage().isEmpty() && value.length() <= 35) {
                    return locale.toLanguageTag();
                }
            } catch (IllformedLocaleException e) {
                // falls through to the field error
            }
            errors.add(new InvalidSettingsException.FieldError("locale",
                    "must be a BCP 47 language tag like en-KE or sw-TZ"));
            return value;
        }

        static String timeZone(String value, List<InvalidSettingsException.FieldError> errors) {
            String id = value.strip();
            if (ZoneId.getAvailableZoneIds().contains(id)) {
                return ZoneId.of(id).getId();
            }
            errors.add(new InvalidSettingsException.FieldError("timeZone",
                    "must be an IANA time zone like Africa/Nairobi or Africa/Lagos"));
            return value;
        }
    }
}
