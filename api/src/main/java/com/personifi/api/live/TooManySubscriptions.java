package com.personifi.api.live;

/** A user asked for more subscriptions of one kind than one API instance keeps open for a user. */
final class TooManySubscriptions extends RuntimeException {

    TooManySubscriptions(int limit) {
        super("At most " + limit + " subscriptions of this kind are kept open per user; end one first",
                null, false, false);
    }
}
