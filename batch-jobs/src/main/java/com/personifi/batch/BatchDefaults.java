package com.personifi.batch;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/** The batch module's default settings, at lower precedence than application.yml and the environment. */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:personifi-batch.properties")
class BatchDefaults {
}
