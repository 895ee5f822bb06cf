package com.personifi.connectors.notify;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/** Wording helpers shared by the messages: periods as people say them, SMS texts kept within one message. */
final class MessageText {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private MessageText() {
    }

    /**
     * A budget period from its first day to the first day after it: "May 2024" for a calendar month, else
     * "3 May-2 Jun 2024".
     */
    static String period(LocalDate start, LocalDate endExclusive) {
        if (start.getDayOfMonth() == 1 && endExclusive.equals(start.plusMonths(1))) {
            return MONTH.format(start);
        }
        LocalDate last = endExclusive.minusDays(1);
        return (start.getYear() == last.getYear() ? DAY.format(start) : DAY_YEAR.format(start)) + "-"
                + DAY_YEAR.format(last);
    }

    /**
     * Renders an SMS around a name that may be long (a category, a file name): the name is shortened, never the
     * figures, so the text stays one 160-character message.
     */
    static String fitSms(String name, Function<String, String> render) {
        String text = render.apply(name);
        int excess = text.length() - Notification.SMS_MAX_LENGTH;
        if (excess <= 0) {
            return text;
        }
        int keep = Math.max(1, name.length() - excess - 3);
        return render.apply(name.substring(0, keep).strip() + "...");
    }
}
