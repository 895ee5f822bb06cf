package com.personifi.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookUrlsUnitTest {

    private final WebhookUrls production = new WebhookUrls(false);
    private final WebhookUrls development = new WebhookUrls(true);

    @Test
    void productionTakesHttpsToPublicAddressesOnly() {
        assertThat(production.refusal("https://203.0.113.10/hooks")).isEmpty();
        assertThat(production.refusal("http://203.0.113.10/hooks")).hasValueSatisfying(r -> assertThat(r)
                .contains("https"));
        assertThat(production.refusal("https://localhost/hooks")).isPresent();
        assertThat(production.refusal("https://192.168.1.20/hooks")).isPresent();
        assertThat(production.refusal("https://[::1]/hooks")).isPresent();
        assertThat(production.refusal("https://[fd00::1]/hooks")).isPresent();
    }

    @Test
    void developmentAlsoTakesPlainHttpToALocalReceiver() {
        assertThat(development.refusal("http://localhost:3000/hooks")).isEmpty();
        assertThat(development.refusal("http://127.0.0.1:3000/hooks")).isEmpty();
        assertThat(development.refusal("https://localhost/hooks")).isEmpty();
        assertThat(development.refusal("http://203.0.113.10/hooks")).isPresent();
    }

    @Test
    void urlsThatAreNotWebUrlsOrCarryCredentialsAreRefusedEverywhere() {
        for (WebhookUrls urls : new WebhookUrls[] {production, development}) {
            assertThat(urls.refusal("ftp://203.0.113.10/")).isPresent();
            assertThat(urls.refusal("https:///no-host")).isPresent();
            assertThat(urls.refusal("not a url")).isPresent();
            assertThat(urls.refusal("https://user:pass@203.0.113.10/hooks")).isPresent();
            assertThat(urls.refusal("")).isPresent();
            assertThat(urls.refusal("https://203.0.113.10/" + "a".repeat(WebhookUrls.MAX_LENGTH))).isPresent();
        }
    }
}
