package com.personifi.app.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar personifi.jar import FILE [--account ID] [--server URL] [--errors FILE] [--password-prompt]}:
 * uploads a statement to a running PersoniFi, from disk as it is sent (years of history are never read into memory),
 * and draws the import's progress until it is done.
 *
 * <p>Credentials come from the environment, never the command line, where other users of the machine could read
 * them: {@code PERSONIFI_TOKEN}, or {@code PERSONIFI_EMAIL} and {@code PERSONIFI_PASSWORD} (asked for on the
 * terminal when missing). A protected PDF's password is asked for with {@code --password-prompt}, or taken from
 * {@code PERSONIFI_STATEMENT_PASSWORD}.
 *
 * <p>Exit status: 0 imported, 3 imported with refused rows (listed with {@code --errors FILE}), 1 refused or
 * failed, 2 wrong usage.
 */
public final class ImportCommandLine {

    public static final String COMMAND = "import";

    private static final String USAGE = """
            Usage: java -jar personifi.jar import FILE [--account ACCOUNT_ID] [--server URL] [--errors CSV_FILE]
                                                  [--password-prompt]
              FILE               statement to import (M-Pesa CSV/PDF, OFX/QFX, QIF, CAMT.053, MT940, …)
              --account          account to import into (default: your first mobile-money account)
              --server           PersoniFi to send it to (default http://localhost:8080)
              --errors           write the refused rows to this CSV file
              --password-prompt  ask for the password of a protected PDF
            Credentials: PERSONIFI_TOKEN, or PERSONIFI_EMAIL and PERSONIFI_PASSWORD (asked for when missing).""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BAR_WIDTH = 30;

    private final Map<String, String> environment;
    private final Console console;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ImportCommandLine(Map<String, String> environment, Console console, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.console = console;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ImportCommandLine(System.getenv(), System.console(), System.out, System.err).run(args));
    }

    /** @param args the arguments after {@code import} */
    int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (!Files.isReadable(options.file())) {
            err.println("Cannot read " + options.file());
            return 2;
        }
        try {
            String token = token(options.server());
            JsonNode job = upload(options, token);
            job = follow(options.server(), token, job);
            return report(options, token, job);
        } catch (Refused e) {
            err.println();
            err.println(e.getMessage());
            return 1;
        } catch (ConnectException e) {
            err.println("No PersoniFi answers at " + options.server() + ": start it, or say where with --server");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println();
            err.println("The import could not be followed to its end: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private String token(URI server) throws IOException, InterruptedException {
        String token = environment.get("PERSONIFI_TOKEN");
        if (token != null && !token.isBlank()) {
            return token;
        }
        String email = environment.get("PERSONIFI_EMAIL");
        if (email == null && console != null) {
            email = console.readLine("Email: ");
        }
        char[] password = environment.containsKey("PERSONIFI_PASSWORD")
                ? environment.get("PERSONIFI_PASSWORD").toCharArray()
                : console != null ? console.readPassword("Password: ") : null;
        if (email == null || password == null) {
            throw new Refused("Set PERSONIFI_TOKEN, or PERSONIFI_EMAIL and PERSONIFI_PASSWORD");
        }
        String body = JSON.writeValueAsString(Map.of("email", email, "password", new String(password)));
        Arrays.fill(password, '\0');
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(at(server, "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new Refused("Sign-in refused: " + problem(login.body()));
        }
        return JSON.readTree(login.body()).get("accessToken").asString();
    }

    /** The file goes out as a multipart body read from disk while it is sent. */
    private JsonNode upload(Options options, String token) throws IOException, InterruptedException {
        String boundary = "personifi-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        char[] statementPassword = statementPassword(options);
        if (statementPassword != null) {
            parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; "
                    + "name=\"password\"\r\n\r\n" + new String(statementPassword) + "\r\n"));
            Arrays.fill(statementPassword, '\0');
        }
        String fileName = options.file().getFileName().toString().replace("\"", "");
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
        parts.add(HttpRequest.BodyPublishers.ofFile(options.file()));
        parts.add(HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        String query = options.account() == null ? ""
                : "?accountId=" + URLEncoder.encode(options.account(), StandardCharsets.UTF_8);
        long size = Files.size(options.file());
        err.printf("Uploading %s (%s)…%n", fileName, megabytes(size));
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(
                        at(options.server(), "/api/v1/imports" + query))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new Refused("Refused (" + accepted.statusCode() + "): " + problem(accepted.body()));
        }
        return JSON.readTree(accepted.body());
    }

    private char[] statementPassword(Options options) {
        String fromEnvironment = environment.get("PERSONIFI_STATEMENT_PASSWORD");
        if (fromEnvironment != null) {
            return fromEnvironment.toCharArray();
        }
        if (!options.passwordPrompt()) {
            return null;
        }
        if (console == null) {
            throw new Refused("--password-prompt needs a terminal; set PERSONIFI_STATEMENT_PASSWORD instead");
        }
        return console.readPassword("Statement password: ");
    }

    /**
     * Follows the job's event stream, redrawing the bar on each event. A stream can end before the import does (a
     * proxy's idle timeout, the server's own limit): then the job is read again and followed again until it ends.
     */
    private JsonNode follow(URI server, String token, JsonNode job) throws IOException, InterruptedException {
        String id = job.get("jobId").asString();
        JsonNode[] last = {job};
        draw(job);
        while (!finished(last[0])) {
            HttpResponse<Stream<String>> events = http.send(HttpRequest.newBuilder(
                            at(server, "/api/v1/imports/" + id + "/events"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = events.body()) {
                if (events.statusCode() != 200) {
                    throw new Refused("Cannot follow import " + id + " (" + events.statusCode() + ")");
                }
                lines.filter(line -> line.startsWith("data:")).forEach(line -> {
                    last[0] = JSON.readTree(line.substring("data:".length()));
                    draw(last[0]);
                });
            }
            if (!finished(last[0])) {
                HttpResponse<String> now = http.send(HttpRequest.newBuilder(at(server, "/api/v1/imports/" + id))
                        .header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (now.statusCode() != 200) {
                    throw new Refused("Cannot read import " + id + " (" + now.statusCode() + ")");
                }
                last[0] = JSON.readTree(now.body());
                draw(last[0]);
            }
        }
        err.println();
        return last[0];
    }

    /** A path on the server, keeping any prefix the server's URL has (a reverse proxy's /personifi, say). */
    private static URI at(URI server, String path) {
        String base = server.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private void draw(JsonNode job) {
        int percent = job.get("percent").asInt();
        int filled = percent * BAR_WIDTH / 100;
        err.printf("\r[%s%s] %3d%%  %,d rows: %,d new, %,d already there, %,d refused", "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled), percent, job.get("rowsRead").asInt(), job.get("newRows").asInt(),
                job.get("duplicates").asInt(), job.get("rejected").asInt());
    }

    private int report(Options options, String token, JsonNode job) throws IOException, InterruptedException {
        String status = job.get("status").asString();
        if (!status.equals("COMPLETED")) {
            err.println("Import " + status.toLowerCase() + ": " + job.path("failure").asString(""));
            return 1;
        }
        out.printf("Imported %s as %s: %,d rows read, %,d new, %,d already there, %,d without money moved,"
                        + " %,d refused (job %s)%n", options.file().getFileName(), job.get("format").asString(),
                job.get("rowsRead").asInt(), job.get("newRows").asInt(), job.get("duplicates").asInt(),
                job.get("skipped").asInt(), job.get("rejected").asInt(), job.get("jobId").asString());
        int refused = job.get("rejected").asInt();
        if (refused > 0 && options.errors() != null) {
            // to a file beside the target first, so a problem answer never poses as the CSV
            Path partial = Files.createTempFile(options.errors().toAbsolutePath().getParent(), "refused-", ".part");
            HttpResponse<Path> errors = http.send(HttpRequest.newBuilder(at(options.server(),
                            "/api/v1/imports/" + job.get("jobId").asString() + "/errors"))
                    .header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (errors.statusCode() != 200) {
                Files.deleteIfExists(partial);
                err.println("The refused rows could not be downloaded (" + errors.statusCode() + ")");
            } else {
                Files.move(partial, options.errors(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                out.println("Refused rows written to " + options.errors());
            }
        }
        return refused > 0 ? 3 : 0;
    }

    private static boolean finished(JsonNode job) {
        String status = job.get("status").asString();
        return status.equals("COMPLETED") || status.equals("FAILED");
    }

    private static String problem(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.path("detail").asString(problem.path("title").asString(body));
        } catch (RuntimeException e) {
            return body;
        }
    }

    private static String megabytes(long bytes) {
        return bytes < (1 << 20) ? String.format("%,d KB", Math.max(1, bytes / 1024))
                : String.format("%,.1f MB", bytes / (double) (1 << 20));
    }

    /** Anything the server or the user refused; the message says what to do. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    record Options(Path file, String account, URI server, Path errors, boolean passwordPrompt) {

        static Options parse(String[] args) {
            Path file = null;
            String account = null;
            URI server = URI.create("http://localhost:8080");
            Path errors = null;
            boolean passwordPrompt = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--account" -> account = value(args, ++i, "--account");
                    case "--server" -> server = URI.create(value(args, ++i, "--server"));
                    case "--errors" -> errors = Path.of(value(args, ++i, "--errors"));
                    case "--password-prompt" -> passwordPrompt = true;
                    case "--password" -> throw new IllegalArgumentException("A password on the command line is "
                            + "visible to everyone on this machine: use --password-prompt or PERSONIFI_STATEMENT_PASSWORD");
                    default -> {
                        if (args[i].startsWith("--") || file != null) {
                            throw new IllegalArgumentException("Unexpected argument: " + args[i]);
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("Which file? Name the statement to import.");
            }
            return new Options(file, account, server, errors, passwordPrompt);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
