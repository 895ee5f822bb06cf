package com.personifi.connectors.notify;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client of the SMS gateway and webhook senders: redirects never followed, every wait bounded. */
record NotificationHttp(HttpClient client, Duration requestTimeout) {

    static NotificationHttp create(Duration requestTimeout) {
        return new NotificationHttp(HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), requestTimeout);
    }
}
