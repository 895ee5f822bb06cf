package com.personifi.stack;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

final class Ports {

    private Ports() {
    }

    /**
     * Below Linux's ephemeral range (32768 and up), from which the system picks the local port of every outgoing
     * connection: a port from that range, free when picked, can be taken by some client's connection before the
     * server binds it, or between a stop and a restart on the same port.
     */
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    /** Handed out by this JVM: two services started side by side never get the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A port that was free a moment ago, for tests that run on random ports. */
    static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port on the loopback interface between " + LOWEST + " and "
                + HIGHEST);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
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
