package com.personifi.api.dashboard;

import com.personifi.api.auth.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DashboardController {

    private final DashboardService dashboards;
    private final DashboardViews views;

    DashboardController(DashboardService dashboards, DashboardViews views) {
        this.dashboards = dashboards;
        this.views = views;
    }

    /** Income, spending, net and spending by category in the user's base currency, for month YYYY-MM. */
    @GetMapping("/api/v1/dashboard")
    Dashboard dashboard(@AuthenticationPrincipal CurrentUser user, @RequestParam String month) {
        return dashboards.dashboard(user.id(), month);
    }

    /** Income, spending and net for each month from {@code from} to {@code to} (YYYY-MM, at most 36 months). */
    @GetMapping("/api/v1/dashboard/cash-flow")
    DashboardViews.CashFlow cashFlow(@AuthenticationPrincipal CurrentUser user, @RequestParam String from,
                                     @RequestParam String to) {
        return views.cashFlow(user.id(), from, to);
    }

    /** Every account's balance and the total in base currency at the end of each month, at its published rate. */
    @GetMapping("/api/v1/dashboard/net-worth")
    DashboardViews.NetWorth netWorth(@AuthenticationPrincipal CurrentUser user, @RequestParam String from,
                                     @RequestParam String to) {
        return views.netWorth(user.id(), from, to);
    }

    /** Where the month's money went, by counterparty, largest first. */
    @GetMapping("/api/v1/dashboard/top-counterparties")
    DashboardViews.TopCounterparties topCounterparties(@AuthenticationPrincipal CurrentUser user,
                                                       @RequestParam String month,
                                                       @RequestParam(defaultValue = "10") int limit) {
        return views.topCounterparties(user.id(), month, limit);
    }

    /** Today's balances by the currency they are held in, with each one's share in base currency. */
    @GetMapping("/api/v1/dashboard/currency-exposure")
    DashboardViews.CurrencyExposure currencyExposure(@AuthenticationPrincipal CurrentUser user) {
        return views.currencyExposure(user.id());
    }
}
