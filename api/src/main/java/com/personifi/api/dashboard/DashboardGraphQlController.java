package com.personifi.api.dashboard;

import com.personifi.api.auth.CurrentUser;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

@Controller
class DashboardGraphQlController {

    private final DashboardService dashboards;

    DashboardGraphQlController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    @QueryMapping
    Dashboard dashboard(@AuthenticationPrincipal CurrentUser user, @Argument String month) {
        return dashboards.dashboard(user.id(), month);
    }
}
