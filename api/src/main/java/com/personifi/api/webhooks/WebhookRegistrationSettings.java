package com.personifi.api.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The same switch the webhook sender in {@code connectors} reads, so a URL is accepted here exactly when it could be
 * delivered to.
 *
 * @param allowPrivateAddresses whether URLs may point at loopback, private or link-local addresses, over plain http
 *                              too; on in the local and dev profiles, where the receiver under development usually
 *                              runs on localhost, off in production
 */
@ConfigurationProperties("personifi.notifications.webhook")
record WebhookRegistrationSettings(@DefaultValue("false") boolean allowPrivateAddresses) {
}
