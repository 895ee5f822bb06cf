package com.personifi.stack;

/** A port the local stack needs is taken; the message names the port and the setting that moves it. */
public final class PortInUseException extends RuntimeException {

    public PortInUseException(String service, int port, String portSetting, String externalSetting) {
        super("Port " + port + " needed by " + service + " is already in use: set " + portSetting
                + " to another port, or " + externalSetting + " to use a " + service + " that is already running.");
    }
}
