package com.personifi.api.rules;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rule settings ({@code personifi.rules.*}).
 *
 * @param matchTimeout how long one statement matching a rule against the user's history may run (PostgreSQL's
 *                     {@code statement_timeout} for preview and apply); past it the pattern is reported as too slow
 */
@ConfigurationProperties("personifi.rules")
record RulesSettings(@DefaultValue("5s") Duration matchTimeout) {
}
