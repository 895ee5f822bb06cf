package com.personifi.connectors.notify;

/** Ways a user can be told something. */
enum Channel {
    SMS, EMAIL, WEBHOOK
}
