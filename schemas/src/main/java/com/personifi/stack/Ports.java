package com.personifi.stack;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago, for tests that run on random ports. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on the loopback interface", e);
        }
    }

    /** Resolves 0 to a free port and fails with a one-line reason when a fixed port is taken. */
    static int claim(int port, String service, String setting, String externalSetting) {
        if (port == 0) {
            return freePort();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        } catch (BindException e) {
            throw new PortInUseException(service, port, setting, externalSetting);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot check port " + port + " for " + service, e);
        }
    }
}
