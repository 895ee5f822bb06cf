package com.personifi.api.web;

import java.io.InputStream;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * {@code ETag} on every successful {@code GET /api/v1/**} answer, and 304 without a body when the client's
 * {@code If-None-Match} still matches: a phone that already holds its dashboard pays for headers only.
 *
 * <p>The tag is a hash of the answer, so the answer is still computed; what is saved is the bytes on the wire.
 * Weak tags ({@code W/"…"}) because the server may gzip the body, and Tomcat does not compress an answer with a
 * strong tag. Streams are left alone, since hashing means holding the whole answer: import progress events and
 * the CSV downloads of refused rows and exports.
 */
@Configuration(proxyBeanMethods = false)
class ConditionalGets {

    /** Last path segments of streamed answers: {@code /imports/{id}/events}, {@code /imports/{id}/errors}, exports. */
    private static final Set<String> STREAMED = Set.of("events", "errors", "export");

    @Bean
    FilterRegistrationBean<EntityTags> entityTags() {
        FilterRegistrationBean<EntityTags> registration = new FilterRegistrationBean<>(new EntityTags());
        registration.addUrlPatterns("/api/v1/*");
        // after security: an unauthenticated request gets its 401, not a tag
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }

    static final class EntityTags extends ShallowEtagHeaderFilter {

        EntityTags() {
            setWriteWeakETag(true);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                return true;
            }
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/api/v1/exports")
                    || STREAMED.contains(path.substring(path.lastIndexOf('/') + 1));
        }

        /**
         * Every successful GET, even though the security defaults mark it {@code no-store}: personal financial data
         * must rest in no shared or browser cache, but the app keeps its own copy and revalidates it with the tag.
         */
        @Override
        protected boolean isEligibleForEtag(HttpServletRequest request, HttpServletResponse response,
                                            int responseStatusCode, InputStream inputStream) {
            return !response.isCommitted() && responseStatusCode >= 200 && responseStatusCode < 300;
        }
    }
}
