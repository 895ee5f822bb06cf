package com.personifi.api.feeds;

import java.io.IOException;

import com.personifi.api.web.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Payment callbacks and forwarded messages are read before their sender's secret is checked, so anyone may post to
 * them: their bodies are bounded before any of it reaches a controller. A Daraja callback or an SMS is a few
 * kilobytes; more is refused with 413.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class FeedBodyLimit extends OncePerRequestFilter {

    static final int MAX_BYTES = 64 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !UrlPathHelper.defaultInstance.getPathWithinApplication(request).startsWith("/api/v1/feeds/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CachedBodyRequest bounded = CachedBodyRequest.orRefuse(request, response, MAX_BYTES, "A feed accepts");
        if (bounded != null) {
            chain.doFilter(bounded, response);
        }
    }
}
