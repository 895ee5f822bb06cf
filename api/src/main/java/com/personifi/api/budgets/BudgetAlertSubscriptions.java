package com.personifi.api.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.live.UserFeed;
import com.personifi.schemas.events.BudgetAlert;
import com.personifi.schemas.money.Money;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** The user's budget alerts as the stream raises them, over GraphQL WebSocket subscriptions. */
@Controller
class BudgetAlertSubscriptions {

    /** A budget's spending crossed one of its thresholds; amounts in the budget's currency. */
    record Alert(String id, String budgetId, String category, LocalDate periodStart, LocalDate periodEnd,
                 int thresholdPercent, BigDecimal spent, BigDecimal limit, String currency, Instant raisedAt) {

        static Alert of(BudgetAlert alert) {
            return new Alert(alert.getAlertId(), alert.getBudgetId(), alert.getCategory(), alert.getPeriodStart(),
                    alert.getPeriodEnd(), alert.getThresholdPercent(), money(alert.getSpent(), alert.getCurrency()),
                    money(alert.getLimit(), alert.getCurrency()), alert.getCurrency(), alert.getRaisedAt());
        }

        /** At the currency's minor unit: the storage scale's extra zeros go, digits a figure really has stay. */
        private static BigDecimal money(BigDecimal amount, String currency) {
            int minor = Money.minorUnits(Money.currency(currency));
            return amount.setScale(Math.max(minor, amount.stripTrailingZeros().scale()));
        }
    }

    private final UserFeed<BudgetAlert> alerts;

    BudgetAlertSubscriptions(UserFeed<BudgetAlert> alerts) {
        this.alerts = alerts;
    }

    @SubscriptionMapping
    Flux<Alert> budgetAlert(@AuthenticationPrincipal CurrentUser user) {
        return alerts.subscribe(user.id()).map(Alert::of);
    }
}
