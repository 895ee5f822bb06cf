package com.personifi.api.limits;

import org.redisson.api.RedissonClient;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RequestLimits {

    @Bean
    FilterRegistrationBean<RequestsPerUser> requestsPerUser(RedissonClient redis, ApiSettings settings) {
        FilterRegistrationBean<RequestsPerUser> registration =
                new FilterRegistrationBean<>(new RequestsPerUser(redis, settings));
        registration.addUrlPatterns("/api/v1/*", "/graphql");
        // after security, which has found the user; before the entity tags, so a refusal computes nothing
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 200);
        return registration;
    }
}
