package com.personifi.api.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import com.personifi.schemas.net.PrivateAddresses;

/**
 * Which URLs a user may register. In production: https, to a host that is not on the platform's own network
 * (loopback, private, link-local, multicast — cloud metadata lives there), so a webhook cannot be aimed inside.
 * Where private addresses are allowed (local and dev), such an address may also be plain http, like
 * {@code http://localhost:3000/hooks}. The sender checks the address again on every delivery, since a name can be
 * pointed elsewhere after registration; a name that does not resolve yet is accepted here and left to it.
 */
final class WebhookUrls {

    static final int MAX_LENGTH = 2000;

    private final boolean allowPrivateAddresses;

    WebhookUrls(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    /** @return why the URL is refused, or empty when it may be registered */
    Optional<String> refusal(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return Optional.of("must be an https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password; deliveries are signed instead");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        boolean local = isLocal(uri.getHost());
        if (local && !allowPrivateAddresses) {
            return Optional.of("must not point at a loopback, private or link-local address");
        }
        if (scheme.equals("http") && !(local && allowPrivateAddresses)) {
            return Optional.of("must use https" + (allowPrivateAddresses ? " (plain http only to a local address)"
                    : ""));
        }
        return Optional.empty();
    }

    private static boolean isLocal(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (PrivateAddresses.isPrivate(address)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
