package com.personifi.api.limits;

import java.time.Clock;
import java.time.Duration;

import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RequestLimits implements DisposableBean {

    /** How often each instance shares its counts: a user can pass the limit by about this much of their traffic. */
    private static final Duration SHARE_EVERY = Duration.ofMillis(200);

    /** One count per user for HTTP requests and WebSocket operations alike. */
    private final SharedWindowCounter windows;

    RequestLimits(RedissonClient redis) {
        this.windows = new SharedWindowCounter(redis, Clock.systemUTC(), SHARE_EVERY);
    }

    @Override
    public void destroy() {
        windows.close();
    }

    @Bean
    FilterRegistrationBean<RequestsPerUser> requestsPerUser(ApiSettings settings) {
        FilterRegistrationBean<RequestsPerUser> registration =
                new FilterRegistrationBean<>(new RequestsPerUser(windows, settings));
        registration.addUrlPatterns("/api/v1/*", "/graphql");
        // after security, which has found the user; before the entity tags, so a refusal computes nothing
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 200);
        return registration;
    }

    @Bean
    OperationsPerUser webSocketOperationsPerUser(ApiSettings settings) {
        return new OperationsPerUser(windows, settings);
    }
}
