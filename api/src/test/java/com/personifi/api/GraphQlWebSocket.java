package com.personifi.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A GraphQL client speaking graphql-transport-ws over the JDK's own WebSocket, as an app's graphql-ws client does:
 * every message the server sends is kept in order, and how the server closed the connection is recorded.
 */
final class GraphQlWebSocket implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private GraphQlWebSocket(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, new Listener()).join();
    }

    /** Opens a connection and sends {@code connection_init} with the given payload (none when null). */
    static GraphQlWebSocket connect(int port, ObjectNode initPayload) {
        GraphQlWebSocket client = new GraphQlWebSocket(URI.create("ws://127.0.0.1:" + port + "/graphql-ws"));
        ObjectNode init = JSON.createObjectNode().put("type", "connection_init");
        if (initPayload != null) {
            init.set("payload", initPayload);
        }
        client.send(init);
        return client;
    }

    static GraphQlWebSocket connectAs(int port, ApiClient.SignedIn user) {
        return connect(port, JSON.createObjectNode().put("Authorization", user.bearer()));
    }

    void subscribe(String id, String query) {
        subscribe(id, JSON.createObjectNode().put("query", query));
    }

    /** @param payload the operation as sent: query, variables, extensions */
    void subscribe(String id, ObjectNode payload) {
        ObjectNode message = JSON.createObjectNode().put("id", id).put("type", "subscribe");
        message.set("payload", payload);
        send(message);
    }

    /** The next message from the server, failing when none comes in time. */
    JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("No message within " + timeout + "; closed: " + closed.getNow(null));
        }
        return message;
    }

    /** The next message of the given type, skipping pings and anything else before it. */
    JsonNode next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (message.get("type").asString().equals(type)) {
                return message;
            }
        }
    }

    /** Every message that arrives within the window, pings left out. */
    List<JsonNode> drain(Duration window) throws InterruptedException {
        List<JsonNode> messages = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            JsonNode message = received.poll(left, TimeUnit.NANOSECONDS);
            if (message != null && !message.get("type").asString().equals("ping")) {
                messages.add(message);
            }
        }
        return messages;
    }

    /** The close code the server ended the connection with. */
    int awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(ObjectNode message) {
        socket.sendText(JSON.writeValueAsString(message), true).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
