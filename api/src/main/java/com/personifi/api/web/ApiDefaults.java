package com.personifi.api.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/** The API module's default settings, at lower precedence than application.yml and the environment. */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:personifi-api.properties")
class ApiDefaults {
}
