package com.personifi.api.limits;

import java.time.Clock;

import com.personifi.api.web.FixedWindowCounter;
import org.redisson.api.RedissonClient;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RequestLimits {

    /** One count per user for HTTP requests and WebSocket operations alike. */
    private final FixedWindowCounter windows;

    RequestLimits(RedissonClient redis) {
        this.windows = new FixedWindowCounter(redis, Clock.systemUTC());
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
