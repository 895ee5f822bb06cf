package com.personifi.connectors.notify;

/** Sends deliveries of one channel. Implementations never throw for a failed send: they say how it failed. */
interface ChannelSender {

    Channel channel();

    DeliveryOutcome send(Delivery delivery);
}
