package com.personifi.app.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged platform (the app jar) in a JVM of its own with a 512 MB heap, on the embedded stack at free ports, as
 * the benchmarks load it: from this separate process, over HTTP and the infrastructure's own ports.
 */
final class Platform implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    record Ports(int http, int kafka, int controller, int postgres, int redis) {
        static Ports free() throws IOException {
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    sockets.add(new ServerSocket(0));
                }
                return new Ports(sockets.get(0).getLocalPort(), sockets.get(1).getLocalPort(),
                        sockets.get(2).getLocalPort(), sockets.get(3).getLocalPort(), sockets.get(4).getLocalPort());
            } finally {
                for (ServerSocket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    /** A user signed up and signed in through the API. */
    record User(UUID id, String token, UUID walletId, String email) {
        String bearer() {
            return "Bearer " + token;
        }
    }

    final Path dir;
    final Ports ports;
    final String base;
    private final Process process;

    private Platform(Path dir, Ports ports, Process process) {
        this.dir = dir;
        this.ports = ports;
        this.base = "http://127.0.0.1:" + ports.http();
        this.process = process;
    }

    /** Starts the jar with {@code environment} added to the ports it is given, and waits until it is healthy. */
    static Platform start(Path jar, String name, Map<String, String> environment) throws Exception {
        Path dir = Files.createTempDirectory("personifi-" + name + "-bench-");
        Ports ports = Ports.free();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseG1GC"));
        // e.g. -XX:StartFlightRecording=filename=bench.jfr to profile the platform during the run
        String extra = System.getenv("PERSONIFI_BENCH_JVM_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("PERSONIFI_DATA_DIR", dir.resolve("data").toString());
        env.put("PORT", Integer.toString(ports.http()));
        env.put("PERSONIFI_KAFKA_PORT", Integer.toString(ports.kafka()));
        env.put("PERSONIFI_KAFKA_CONTROLLER_PORT", Integer.toString(ports.controller()));
        env.put("PERSONIFI_POSTGRES_PORT", Integer.toString(ports.postgres()));
        env.put("PERSONIFI_REDIS_PORT", Integer.toString(ports.redis()));
        env.putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("platform.log").toFile());
        Platform platform = new Platform(dir, ports, builder.start());
        try {
            platform.awaitHealthy(Duration.ofMinutes(4));
        } catch (Exception e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("The platform did not become healthy in " + timeout);
    }

    User signUp(String baseCurrency) throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.test";
        JsonNode registered = JSON.readTree(post("/api/v1/auth/register", null, "{\"email\":\"" + email
                + "\",\"password\":\"a-long-passphrase\",\"baseCurrency\":\"" + baseCurrency + "\"}"));
        return signIn(new User(UUID.fromString(registered.get("userId").asString()), null,
                UUID.fromString(registered.get("defaultAccountId").asString()), email));
    }

    /** The user with a fresh access token: a long benchmark outlives one (15 minutes). */
    User signIn(User user) throws Exception {
        String token = JSON.readTree(post("/api/v1/auth/login", null, "{\"email\":\"" + user.email()
                + "\",\"password\":\"a-long-passphrase\"}")).get("accessToken").asString();
        return new User(user.id(), token, user.walletId(), user.email());
    }

    String get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    String post(String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/personifi";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        // the stack's data (gigabytes after a large upload) goes; the log stays for a look
        com.personifi.testing.TestStack.deleteRecursively(dir.resolve("data"));
        System.out.println("Platform log: " + dir.resolve("platform.log"));
    }
}
