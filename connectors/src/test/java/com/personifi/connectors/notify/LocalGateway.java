package com.personifi.connectors.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free port standing in for the SMS gateway ({@code POST /version1/messaging}) and for
 * users' webhook receivers (any other path). It records every request and answers as a test scripts it: by
 * recipient number for SMS, by path for webhooks; unscripted requests are accepted.
 */
final class LocalGateway implements AutoCloseable {

    record Request(String path, Headers headers, String body) {

        /** The form fields of an SMS gateway request. */
        Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return fields;
        }
    }

    /** Africa's Talking's answer: 201 for the request, and a status per recipient that may still be a refusal. */
    static final String SMS_ANSWER = """
            {"SMSMessageData":{"Message":"Sent to 1/1 Total Cost: KES 0.8000","Recipients":[{"statusCode":%d,\
            "number":"%s","status":"%s","cost":"KES 0.8000","messageId":"ATPid_1"}]}}""";

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> script = new ConcurrentHashMap<>();
    private final Map<String, Map.Entry<Integer, String>> recipientStatus = new ConcurrentHashMap<>();
    private final Set<String> stalling = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);

    LocalGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        // one thread per exchange: a receiver made to stall holds up no other request
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next answers to requests for this phone number (SMS) or path (webhook), in order. */
    void answer(String phoneOrPath, Integer... statuses) {
        script.put(phoneOrPath, new ArrayDeque<>(List.of(statuses)));
    }

    /** Requests to this webhook path get 200 and the start of a body that then never ends. */
    void stallAfterHeaders(String path) {
        stalling.add(path);
    }

    /** The gateway takes requests for this number (201) but reports this recipient status. */
    void refuseRecipient(String phone, int statusCode, String status) {
        recipientStatus.put(phone, Map.entry(statusCode, status));
    }

    List<Request> received(Predicate<Request> which) {
        return requests.stream().filter(which).toList();
    }

    List<Request> smsTo(String phone) {
        return received(r -> r.path().equals(SmsSender.PATH) && phone.equals(r.form().get("to")));
    }

    List<Request> webhooksAt(String path) {
        return received(r -> r.path().equals(path));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body);
            requests.add(request);
            if (stalling.contains(request.path())) {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write("{\"status\":".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                try {
                    closed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            boolean sms = request.path().equals(SmsSender.PATH);
            String key = sms ? request.form().get("to") : request.path();
            Deque<Integer> next = script.get(key);
            Integer scripted = next == null ? null : next.poll();
            int status = scripted != null ? scripted : sms ? 201 : 200;
            Map.Entry<Integer, String> recipient = recipientStatus.getOrDefault(String.valueOf(key),
                    Map.entry(101, "Success"));
            byte[] answer = (sms && status == 201 ? SMS_ANSWER.formatted(recipient.getKey(), key, recipient.getValue())
                    : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
