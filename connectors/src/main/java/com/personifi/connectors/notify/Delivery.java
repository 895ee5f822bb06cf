package com.personifi.connectors.notify;

import java.util.UUID;

/**
 * One message of a notification on one channel (and, for webhooks, to one endpoint), as claimed for sending.
 *
 * @param attempts attempts so far, the one being made included
 */
record Delivery(UUID id, Notification notification, Channel channel, UUID endpointId, int attempts) {
}
