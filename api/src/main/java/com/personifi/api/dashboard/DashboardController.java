package com.personifi.api.dashboard;

import com.personifi.api.auth.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.DigestUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import tools.jackson.databind.json.JsonMapper;

@RestController
class DashboardController {

    private final DashboardService dashboards;
    private final DashboardViews views;
    private final JsonMapper json;

    DashboardController(DashboardService dashboards, DashboardViews views, JsonMapper json) {
        this.dashboards = dashboards;
        this.views = views;
        this.json = json;
    }

    /** Income, spending, net and spending by category in the user's base currency, for month YYYY-MM. */
    @GetMapping("/api/v1/dashboard")
    Dashboard dashboard(@AuthenticationPrincipal CurrentUser user, @RequestParam String month) {
        return dashboards.dashboard(user.id(), month);
    }

    /**
     * The same answer when no {@code fields} are picked, as a phone opening the app asks for it: written from the JSON
     * kept with the cached dashboard, and tagged when that was made, instead of being serialized and hashed again for
     * every request. The bytes and the tag are those {@link #dashboard} and the {@code ETag} filter would give.
     */
    @GetMapping(path = "/api/v1/dashboard", params = "!fields")
    @Operation(hidden = true)
    ResponseEntity<byte[]> wholeDashboard(@AuthenticationPrincipal CurrentUser user, @RequestParam String month,
                                          HttpServletRequest request) {
        DashboardCache.RestBody body = dashboards.dashboardView(user.id(), month).rest(this::restBody);
        // tagged here: the filter must not hold and hash the answer again
        ShallowEtagHeaderFilter.disableContentCaching(request);
        // an If-None-Match that still matches is answered 304 without the body by Spring MVC
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).eTag(body.etag()).body(body.json());
    }

    /** As Spring MVC writes a record and {@code web.ConditionalGets} tags it: a weak tag on the body's MD5. */
    private DashboardCache.RestBody restBody(Object value) {
        byte[] bytes = json.writeValueAsBytes(value);
        return new DashboardCache.RestBody(bytes, "W/\"0" + DigestUtils.md5DigestAsHex(bytes) + "\"");
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
