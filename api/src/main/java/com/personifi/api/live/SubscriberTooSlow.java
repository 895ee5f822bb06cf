package com.personifi.api.live;

/** A subscriber fell a whole buffer of events behind and was ended; it has missed events. */
final class SubscriberTooSlow extends RuntimeException {

    SubscriberTooSlow(int buffer) {
        super("This subscription fell more than " + buffer + " events behind and was ended; read what was missed "
                + "with a query, then subscribe again", null, false, false);
    }
}
