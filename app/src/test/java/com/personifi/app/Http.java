package com.personifi.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client against the running app, as curl in the README walk-through. */
final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Response(int status, JsonNode body) {
    }

    Response postJson(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return send(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    Response get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET());
    }

    Response upload(String path, String token, String fileName, byte[] content) throws IOException, InterruptedException {
        String boundary = "----personifi" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** An import as the client saw it: every event name it was sent, and the job in the last event. */
    record FollowedImport(List<String> events, JsonNode job) {
    }

    /** Uploads a statement, expects 202, and follows the job's Server-Sent Events until the stream ends. */
    FollowedImport importStatement(String token, String fileName, byte[] content)
            throws IOException, InterruptedException {
        Response accepted = upload("/api/v1/imports", token, fileName, content);
        if (accepted.status() != 202) {
            throw new IllegalStateException("Upload not accepted: " + accepted);
        }
        HttpResponse<java.util.stream.Stream<String>> stream = client.send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/imports/" + accepted.body().get("jobId").asString() + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .timeout(java.time.Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofLines());
        List<String> events = new java.util.ArrayList<>();
        JsonNode[] last = new JsonNode[1];
        try (java.util.stream.Stream<String> lines = stream.body()) {
            lines.forEach(line -> {
                if (line.startsWith("event:")) {
                    events.add(line.substring("event:".length()).strip());
                } else if (line.startsWith("data:")) {
                    last[0] = JSON.readTree(line.substring("data:".length()));
                }
            });
        }
        return new FollowedImport(events, last[0]);
    }

    String getText(String path, String token) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    Response postJson(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
        return new Response(response.statusCode(), body);
    }

    /** Registers a new user and signs in; returns the access token. */
    String signUp(String baseCurrency) throws IOException, InterruptedException {
        String email = "e2e-" + UUID.randomUUID() + "@example.test";
        Response registered = postJson("/api/v1/auth/register", null, "{\"email\":\"" + email
                + "\",\"password\":\"a-long-passphrase\",\"baseCurrency\":\"" + baseCurrency + "\"}");
        if (registered.status() != 201) {
            throw new IllegalStateException("Registration failed: " + registered);
        }
        return postJson("/api/v1/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"a-long-passphrase\"}")
                .body().get("accessToken").asString();
    }
}
