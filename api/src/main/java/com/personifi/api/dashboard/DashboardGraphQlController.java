package com.personifi.api.dashboard;

import com.personifi.api.auth.CurrentUser;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

@Controller
class DashboardGraphQlController {

    private final DashboardService dashboards;
    private final DashboardViews views;

    DashboardGraphQlController(DashboardService dashboards, DashboardViews views) {
        this.dashboards = dashboards;
        this.views = views;
    }

    @QueryMapping
    Dashboard dashboard(@AuthenticationPrincipal CurrentUser user, @Argument String month) {
        return dashboards.dashboard(user.id(), month);
    }

    @QueryMapping
    DashboardViews.CashFlow cashFlow(@AuthenticationPrincipal CurrentUser user, @Argument String from,
                                     @Argument String to) {
        return views.cashFlow(user.id(), from, to);
    }

    @QueryMapping
    DashboardViews.NetWorth netWorth(@AuthenticationPrincipal CurrentUser user, @Argument String from,
                                     @Argument String to) {
        return views.netWorth(user.id(), from, to);
    }

    @QueryMapping
    DashboardViews.TopCounterparties topCounterparties(@AuthenticationPrincipal CurrentUser user,
                                                       @Argument String month, @Argument int limit) {
        return views.topCounterparties(user.id(), month, limit);
    }

    @QueryMapping
    DashboardViews.CurrencyExposure currencyExposure(@AuthenticationPrincipal CurrentUser user) {
        return views.currencyExposure(user.id());
    }
}
