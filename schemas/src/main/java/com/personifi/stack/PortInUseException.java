package com.personifi.stack;

/** A port the local stack needs is taken; the message names the port and the setting that moves it. */
public final class PortInUseException extends RuntimeException {

    public PortInUseException(String service, int port, String setting) {
        super("Port " + port + " needed by " + service + " is already in use; set " + setting
                + " to another port (or point PersoniFi at an external " + service + ").");
    }
}
