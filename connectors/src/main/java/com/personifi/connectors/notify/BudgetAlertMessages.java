package com.personifi.connectors.notify;

import java.math.BigDecimal;
import java.util.UUID;

import com.personifi.schemas.events.BudgetAlert;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What a user is told when spending in a budget period crosses one of its thresholds. */
final class BudgetAlertMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BudgetAlertMessages() {
    }

    /** @param categoryName the budget category as the user sees it */
    static Notification render(BudgetAlert alert, String categoryName) {
        String id = NotificationKind.BUDGET_ALERT.notificationId(alert.getAlertId());
        String currency = alert.getCurrency();
        String spent = MoneyText.format(alert.getSpent(), currency);
        String limit = MoneyText.format(alert.getLimit(), currency);
        String period = MessageText.period(alert.getPeriodStart(), alert.getPeriodEnd());
        boolean usedUp = alert.getThresholdPercent() >= 100;

        String sms = MessageText.fitSms(categoryName, name -> usedUp
                ? "PersoniFi: your " + name + " budget for " + period + " is used up: " + spent + " spent of " + limit + "."
                : "PersoniFi: " + alert.getThresholdPercent() + "% of your " + name + " budget for " + period
                        + " is spent: " + spent + " of " + limit + ".");
        String subject = usedUp
                ? categoryName + " budget used up (" + period + ")"
                : categoryName + " budget: " + alert.getThresholdPercent() + "% spent (" + period + ")";
        BigDecimal left = alert.getLimit().subtract(alert.getSpent());
        String email = """
                Hello,

                You have spent %s of your %s budget for %s in %s, which crosses the %d%% mark.
                %s

                You receive this email because budget alerts by email are on in your PersoniFi notification settings.
                """.formatted(spent, limit, categoryName, period, alert.getThresholdPercent(),
                left.signum() >= 0 ? "Left to spend: " + MoneyText.format(left, currency) + "."
                        : "Over the budget by: " + MoneyText.format(left.negate(), currency) + ".");
        return new Notification(id, UUID.fromString(alert.getUserId()), NotificationKind.BUDGET_ALERT, sms, subject,
                email, webhookBody(id, alert, categoryName));
    }

    private static String webhookBody(String id, BudgetAlert alert, String categoryName) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        body.put("type", NotificationKind.BUDGET_ALERT.webhookType());
        body.put("createdAt", alert.getRaisedAt().toString());
        ObjectNode data = body.putObject("data");
        data.put("alertId", alert.getAlertId());
        data.put("budgetId", alert.getBudgetId());
        data.put("category", alert.getCategory());
        data.put("categoryName", categoryName);
        data.put("periodStart", alert.getPeriodStart().toString());
        data.put("periodEnd", alert.getPeriodEnd().toString());
        data.put("thresholdPercent", alert.getThresholdPercent());
        money(data.putObject("spent"), alert.getSpent(), alert.getCurrency());
        money(data.putObject("limit"), alert.getLimit(), alert.getCurrency());
        return JSON.writeValueAsString(body);
    }

    /** Amounts travel as decimal strings beside their currency: a JSON number invites binary floating point. */
    static void money(ObjectNode node, BigDecimal amount, String currency) {
        node.put("amount", MoneyText.plain(amount, currency));
        node.put("currency", currency);
    }
}
