package com.personifi.api.dashboard;

import com.personifi.api.auth.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DashboardController {

    private final DashboardService dashboards;

    DashboardController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    /** Income, spending, net and spending by category in the user's base currency, for month YYYY-MM. */
    @GetMapping("/api/v1/dashboard")
    Dashboard dashboard(@AuthenticationPrincipal CurrentUser user, @RequestParam String month) {
        return dashboards.dashboard(user.id(), month);
    }
}
