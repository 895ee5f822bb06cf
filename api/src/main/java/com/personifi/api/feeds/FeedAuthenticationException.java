package com.personifi.api.feeds;

/**
 * A callback that did not prove it comes from the feed's sender. One message for every cause (unknown or revoked
 * feed, missing or wrong token, bad signature), so the answer reveals neither which feeds exist nor what was wrong.
 */
public final class FeedAuthenticationException extends RuntimeException {

    FeedAuthenticationException() {
        super("Send the feed's token as the 'token' query parameter or the X-Feed-Token header; signed callbacks "
                + "need a valid X-Signature and an X-Timestamp within 5 minutes");
    }
}
