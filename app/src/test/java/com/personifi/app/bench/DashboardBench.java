package com.personifi.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.personifi.schemas.RedisKeys;
import com.personifi.schemas.ids.TransactionIds;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard API under load, from this process against the packaged platform (512 MB heap, embedded stack):
 * <ol>
 * <li>a user with {@code transactions} ledger rows over three years, in KES and USD, written straight into
 * PostgreSQL as the sink writes them;</li>
 * <li>baseline: {@code GET /actuator/health/liveness}, a small answer through the same server, filters and security
 * chain, by the same clients;</li>
 * <li>cached: the month's dashboard ({@code GET /api/v1/dashboard}) by {@code clients} kept-alive connections, each
 * sending its next request when the last is answered, as gzip-accepting mobile clients do;</li>
 * <li>uncached: the same dashboard and the other views, one request at a time, each after the user's data version was
 * bumped in Redis and announced (as the sink does when transactions land), so every one is computed from
 * PostgreSQL;</li>
 * <li>bytes on the wire of the same figures by REST, REST with {@code ?fields=}, GraphQL with the fields chosen, and
 * the same GraphQL as an automatic persisted query.</li>
 * </ol>
 * Usage: {@code ./bench dashboard [transactions] [clients]} (defaults 100,000 and 8).
 */
public final class DashboardBench {

    private static final int MEASURE_SECONDS = 20;
    private static final int WARM_UP_SECONDS = 5;
    /** The month's dashboard, the one with a goal; each other view a third as often. */
    private static final int UNCACHED_REQUESTS = 300;
    private static final String[] SPENDING = {"food", "eating-out", "rent", "electricity", "water-purchase",
            "airtime-data", "matatu-bodaboda", "fuel", "school-fees", "health", "shopping", "betting"};
    private static final String[] COUNTERPARTIES = {"NAIVAS", "QUICKMART", "KPLC PREPAID", "SAFARICOM", "JAVA HOUSE",
            "SUPER METRO", "SHELL", "TOTALENERGIES", "CARREFOUR", "GOODLIFE PHARMACY", "ODIBETS", "JUMIA",
            "NAIROBI WATER", "ZUKU", "GLOVO", "UBER", "BOLT", "KENYA POWER", "MAMA MBOGA", "LANDLORD"};

    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path jar = Path.of(args.length > 1 ? args[1] : "app/target/personifi.jar");
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        // one user is the whole load here: the per-user request limit would be the thing measured
        try (Platform platform = Platform.start(jar, "dashboard",
                Map.of("PERSONIFI_API_REQUESTS_PER_MINUTE", "1000000000"))) {
            Platform.User user = platform.signUp("KES");
            UUID dollars = UUID.fromString(Platform.JSON.readTree(platform.post("/api/v1/accounts", user.token(),
                    "{\"name\":\"USD savings\",\"type\":\"SAVINGS\",\"currency\":\"USD\"}")).get("id").asString());
            YearMonth last = YearMonth.now().minusMonths(1);
            YearMonth first = last.minusMonths(35);
            long seedStarted = System.nanoTime();
            long seeded = seed(platform, user, dollars, transactions, first);
            System.out.printf("Seeded in %.1f s%n", (System.nanoTime() - seedStarted) / 1e9);
            user = platform.signIn(user);
            String month = last.minusMonths(1).toString();
            System.out.printf("User with %,d transactions from %s to %s; dashboard month %s%n", seeded, first, last,
                    month);
            checkFigures(platform, user, month);

            Map<String, String> auth = new LinkedHashMap<>(Map.of("Authorization", user.bearer(),
                    "Accept-Encoding", "gzip"));
            byte[] liveness = RawHttp.request("GET", "/actuator/health/liveness", Map.of("Accept-Encoding", "gzip"),
                    null);
            byte[] dashboard = RawHttp.request("GET", "/api/v1/dashboard?month=" + month, auth, null);

            Load baseline = load(platform, liveness, clients);
            Load cached = load(platform, dashboard, clients);
            System.out.printf("%nThroughput, %d clients, %d s each after %d s warm-up%n", clients, MEASURE_SECONDS,
                    WARM_UP_SECONDS);
            System.out.printf("%-44s %10s %9s %9s %9s %8s%n", "", "req/s", "p50 ms", "p99 ms", "max ms", "ratio");
            baseline.print("baseline: GET /actuator/health/liveness", baseline);
            cached.print("cached dashboard: GET /api/v1/dashboard", baseline);
            System.out.printf("Goal, cached: >= 3,000 req/s with p99 < 25 ms: %s%n",
                    cached.perSecond() >= 3000 && cached.percentile(99) < 25 ? "met" : "not met");

            System.out.printf("%nUncached, one request at a time (%d of the month's dashboard, %d of each other "
                    + "view), every one computed from PostgreSQL%n", UNCACHED_REQUESTS, UNCACHED_REQUESTS / 3);
            System.out.printf("%-58s %9s %9s %9s%n", "", "p50 ms", "p99 ms", "max ms");
            Map<String, String> views = new LinkedHashMap<>();
            views.put("dashboard (month)", "/api/v1/dashboard?month=" + month);
            views.put("cash flow (12 months)", "/api/v1/dashboard/cash-flow?from=" + last.minusMonths(11)
                    + "&to=" + last);
            views.put("net worth (12 months)", "/api/v1/dashboard/net-worth?from=" + last.minusMonths(11)
                    + "&to=" + last);
            views.put("top counterparties (month)", "/api/v1/dashboard/top-counterparties?month=" + month);
            views.put("currency exposure", "/api/v1/dashboard/currency-exposure");
            double dashboardP99 = 0;
            for (Map.Entry<String, String> view : views.entrySet()) {
                user = platform.signIn(user);
                auth.put("Authorization", user.bearer());
                Load uncached = uncached(platform, user, RawHttp.request("GET", view.getValue(), auth, null),
                        view.getKey().startsWith("dashboard") ? UNCACHED_REQUESTS : UNCACHED_REQUESTS / 3);
                System.out.printf("%-58s %9.2f %9.2f %9.2f%n", view.getKey() + ": " + view.getValue().split("\\?")[0],
                        uncached.percentile(50), uncached.percentile(99), uncached.percentile(100));
                if (view.getKey().startsWith("dashboard")) {
                    dashboardP99 = uncached.percentile(99);
                }
            }
            System.out.printf("Goal, uncached dashboard with %,d transactions: p99 < 100 ms: %s%n", seeded,
                    dashboardP99 < 100 ? "met" : "not met");

            bytesOnTheWire(platform, platform.signIn(user), month);
        }
    }

    /** Ledger rows as the sink writes them, by COPY; every 25th is income, a fifth are in USD converted to KES. */
    private static long seed(Platform platform, Platform.User user, UUID dollars, int count, YearMonth first)
            throws Exception {
        Random random = new Random(42);
        StringBuilder rows = new StringBuilder(count * 260);
        ZoneId nairobi = ZoneId.of("Africa/Nairobi");
        BigDecimal usdRate = new BigDecimal("129.3500");
        for (int i = 0; i < count; i++) {
            LocalDate day = first.atDay(1).plusDays(random.nextInt(36 * 30));
            LocalDateTime at = day.atTime(6 + random.nextInt(16), random.nextInt(60), random.nextInt(60));
            boolean income = i % 25 == 0;
            boolean usd = i % 5 == 4;
            UUID account = usd ? dollars : user.walletId();
            BigDecimal amount = income ? BigDecimal.valueOf(2_000_000 + random.nextInt(8_000_000), 2)
                    : BigDecimal.valueOf(-(50 + random.nextInt(500_000)), 2);
            if (usd) {
                amount = amount.divide(usdRate, 2, RoundingMode.HALF_EVEN);
            }
            BigDecimal inBase = usd ? amount.multiply(usdRate).setScale(2, RoundingMode.HALF_EVEN) : amount;
            String counterparty = income ? "EMPLOYER LTD" : COUNTERPARTIES[random.nextInt(COUNTERPARTIES.length)];
            String category = income ? "salary" : SPENDING[random.nextInt(SPENDING.length)];
            String sourceRef = "BENCH" + i;
            rows.append(TransactionIds.transactionId(account, sourceRef)).append('\t')
                    .append(user.id()).append('\t').append(account).append('\t').append(sourceRef).append('\t')
                    .append(usd ? "BANK_CSV" : "MPESA_STATEMENT").append('\t')
                    .append(at.atZone(nairobi).toOffsetDateTime()).append('\t').append(day).append('\t')
                    .append(amount.toPlainString()).append('\t').append(usd ? "USD" : "KES").append('\t')
                    .append(income ? "Salary" : "Payment to " + counterparty).append('\t').append(counterparty)
                    .append('\t').append(category).append("\tBUILT_IN\t80\tKES\t").append(inBase.toPlainString())
                    .append("\tOFFICIAL\n");
        }
        try (Connection db = DriverManager.getConnection(platform.jdbcUrl(), "postgres", "")) {
            long copied = db.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date, amount,
                        currency, description, counterparty, category, category_source, category_confidence,
                        base_currency, amount_in_base, fx_rate_status) FROM STDIN""", new StringReader(rows.toString()));
            try (Statement analyze = db.createStatement()) {
                analyze.execute("ANALYZE transactions");
            }
            return copied;
        }
    }

    /** The dashboard's figures against the same sums taken by SQL, so the load is on right answers. */
    private static void checkFigures(Platform platform, Platform.User user, String month) throws Exception {
        JsonNode dashboard = Platform.JSON.readTree(platform.get("/api/v1/dashboard?month=" + month, user.token()));
        YearMonth m = YearMonth.parse(month);
        ZoneId nairobi = ZoneId.of("Africa/Nairobi");
        try (Connection db = DriverManager.getConnection(platform.jdbcUrl(), "postgres", "");
             var sums = db.prepareStatement("""
                     SELECT count(*), coalesce(-sum(amount_in_base) FILTER (WHERE amount_in_base < 0), 0)
                     FROM transactions WHERE user_id = ? AND occurred_at >= ? AND occurred_at < ?""")) {
            sums.setObject(1, user.id());
            sums.setObject(2, m.atDay(1).atStartOfDay(nairobi).toOffsetDateTime());
            sums.setObject(3, m.plusMonths(1).atDay(1).atStartOfDay(nairobi).toOffsetDateTime());
            try (ResultSet rs = sums.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                BigDecimal spending = rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_EVEN);
                if (dashboard.get("transactionCount").asLong() != count
                        || new BigDecimal(dashboard.get("spending").asString()).compareTo(spending) != 0) {
                    throw new IllegalStateException("Dashboard " + dashboard + " disagrees with SQL: " + count
                            + " transactions, spending " + spending);
                }
                System.out.printf("Dashboard agrees with SQL: %,d transactions, spending %s KES%n", count, spending);
            }
        }
    }

    /** Latencies in microseconds of one run, and how long it ran. */
    private record Load(long[] micros, double seconds) {

        double perSecond() {
            return micros.length / seconds;
        }

        double percentile(double p) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1000.0;
        }

        void print(String label, Load baseline) {
            System.out.printf("%-44s %,10.0f %9.2f %9.2f %9.2f %7.1f%%%n", label, perSecond(), percentile(50),
                    percentile(99), percentile(100), 100 * perSecond() / baseline.perSecond());
        }
    }

    /** {@code clients} connections sending {@code request} back to back: warm-up, then the measured seconds. */
    private static Load load(Platform platform, byte[] request, int clients) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        List<long[]> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[clients];
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[4_000_000 / clients];
            perClient.add(latencies);
            int client = c;
            Thread thread = new Thread(() -> {
                try (RawHttp http = new RawHttp("127.0.0.1", platform.ports.http())) {
                    while (!stop.get()) {
                        long started = System.nanoTime();
                        RawHttp.Response response = http.exchange(request);
                        long took = System.nanoTime() - started;
                        if (response.status() != 200) {
                            throw new IllegalStateException("Answer " + response.status() + ": "
                                    + new String(response.body(), StandardCharsets.UTF_8));
                        }
                        if (measuring.get() && counts[client] < latencies.length) {
                            latencies[counts[client]++] = took / 1000;
                        }
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "load-" + c);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(WARM_UP_SECONDS * 1000L);
        long started = System.nanoTime();
        measuring.set(true);
        Thread.sleep(MEASURE_SECONDS * 1000L);
        measuring.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        return new Load(all, seconds);
    }

    /** One request at a time, each after the user's data version moved on, so no cached answer can serve it. */
    private static Load uncached(Platform platform, Platform.User user, byte[] request, int requests)
            throws Exception {
        long[] micros = new long[requests];
        long started = System.nanoTime();
        try (RawHttp http = new RawHttp("127.0.0.1", platform.ports.http());
             Redis redis = new Redis(platform.ports.redis())) {
            for (int i = -10; i < requests; i++) {
                redis.call("INCR", RedisKeys.dataVersion(user.id()));
                redis.call("PUBLISH", RedisKeys.DATA_VERSION_CHANGES, user.id().toString());
                // the platform hears the message on its own connection; give it time to, outside the timing
                Thread.sleep(5);
                long t0 = System.nanoTime();
                RawHttp.Response response = http.exchange(request);
                long took = System.nanoTime() - t0;
                if (response.status() != 200) {
                    throw new IllegalStateException("Answer " + response.status());
                }
                if (i >= 0) {
                    micros[i] = took / 1000;
                }
            }
        }
        return new Load(micros, (System.nanoTime() - started) / 1e9);
    }

    /**
     * The month's figures by REST, by REST with {@code ?fields=}, and by GraphQL as a query and as a persisted query:
     * request and answer bytes, headers included. Once for income, spending and net only, once for the whole
     * dashboard.
     */
    private static void bytesOnTheWire(Platform platform, Platform.User user, String month) throws Exception {
        Map<String, String> get = new LinkedHashMap<>();
        get.put("Authorization", user.bearer());
        Map<String, String> post = new LinkedHashMap<>(get);
        post.put("Content-Type", "application/json");
        String variables = "{\"m\":\"" + month + "\"}";
        String threeFields = "query($m:String!){dashboard(month:$m){income spending net}}";
        String whole = "query($m:String!){dashboard(month:$m){month currency income spending net transactionCount "
                + "unconvertedCount byCategory{category name amount}}}";

        Map<String, byte[][]> ways = new LinkedHashMap<>();
        ways.put("REST, whole dashboard", both("GET", "/api/v1/dashboard?month=" + month, get, null));
        ways.put("GraphQL, whole dashboard", both("POST", "/graphql", post, graphQl(whole, variables, false, true)));
        ways.put("GraphQL persisted, whole dashboard", both("POST", "/graphql", post,
                graphQl(whole, variables, true, false)));
        ways.put("REST ?fields=income,spending,net", both("GET", "/api/v1/dashboard?month=" + month
                + "&fields=income,spending,net", get, null));
        ways.put("GraphQL, income spending net", both("POST", "/graphql", post,
                graphQl(threeFields, variables, false, true)));
        ways.put("GraphQL persisted, income spending net", both("POST", "/graphql", post,
                graphQl(threeFields, variables, true, false)));

        try (RawHttp http = new RawHttp("127.0.0.1", platform.ports.http())) {
            for (String query : List.of(threeFields, whole)) {
                RawHttp.Response registered = http.exchange(RawHttp.request("POST", "/graphql", post,
                        graphQl(query, variables, true, true)));
                if (registered.status() != 200) {
                    throw new IllegalStateException("Persisted query not registered: " + registered.status());
                }
            }
            System.out.printf("%nBytes on the wire for the month's figures (HTTP headers included; the bearer token "
                    + "alone is %d bytes; answers under 256 bytes are not compressed)%n", user.bearer().length());
            System.out.printf("%-40s %9s %16s %14s%n", "", "request", "answer (gzip)", "answer (plain)");
            for (Map.Entry<String, byte[][]> way : ways.entrySet()) {
                RawHttp.Response zipped = http.exchange(way.getValue()[0]);
                RawHttp.Response plain = http.exchange(way.getValue()[1]);
                if (zipped.status() != 200 || plain.status() != 200
                        || new String(plain.body(), StandardCharsets.UTF_8).contains("\"errors\"")) {
                    throw new IllegalStateException(way.getKey() + " failed: " + plain.status() + " "
                            + new String(plain.body(), StandardCharsets.UTF_8));
                }
                System.out.printf("%-40s %9d %16d %14d%n", way.getKey(), zipped.requestBytes(),
                        zipped.responseBytes(), plain.responseBytes());
            }
        }
    }

    /** A GraphQL request body: the query, its hash as an automatic persisted query, or both (to register it). */
    private static String graphQl(String query, String variables, boolean hash, boolean text) throws Exception {
        StringBuilder body = new StringBuilder("{");
        if (text) {
            body.append("\"query\":\"").append(query.replace("\"", "\\\"")).append("\",");
        }
        body.append("\"variables\":").append(variables);
        if (hash) {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(query.getBytes(StandardCharsets.UTF_8)));
            body.append(",\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"").append(sha256)
                    .append("\"}}");
        }
        return body.append('}').toString();
    }

    /** The request with and without {@code Accept-Encoding: gzip}. */
    private static byte[][] both(String method, String target, Map<String, String> headers, String body) {
        Map<String, String> zipped = new LinkedHashMap<>(headers);
        zipped.put("Accept-Encoding", "gzip");
        return new byte[][] {RawHttp.request(method, target, zipped, body), RawHttp.request(method, target, headers,
                body)};
    }

    /** Just enough RESP to move a user's data version on and say so, as the sink does. */
    private static final class Redis implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Redis(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** A command whose answer is an integer, as INCR's and PUBLISH's are. */
        void call(String... words) throws IOException {
            out.write(("*" + words.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String word : words) {
                byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
                out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            StringBuilder reply = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    throw new IOException("Redis closed the connection");
                }
                reply.append((char) b);
            }
            if (reply.charAt(0) != ':') {
                throw new IOException("Redis answered " + reply);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
