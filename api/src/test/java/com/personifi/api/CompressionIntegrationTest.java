package com.personifi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;

import com.personifi.schemas.ids.TransactionIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** Compression happens in the servlet container, so these requests go over a real socket to Tomcat. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class CompressionIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aLargeJsonAnswerIsGzippedForAClientThatAcceptsItAndKeepsItsTag() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");
        for (int i = 0; i < 20; i++) {
            ledgerRow(user, "GZ" + i, Instant.parse("2024-05-01T08:00:00Z").plusSeconds(3600L * i));
        }

        HttpResponse<byte[]> zipped = get(user, "/api/v1/transactions?limit=20", "gzip");
        HttpResponse<byte[]> plain = get(user, "/api/v1/transactions?limit=20", null);

        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).startsWith("W/"));
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        String unzipped = gunzip(zipped.body());
        JsonNode page = ApiClient.json(unzipped);
        assertThat(page.get("items")).hasSize(20);
        assertThat(unzipped).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
        assertThat(zipped.body().length * 4).isLessThan(plain.body().length);
    }

    @Test
    void aSmallAnswerIsSentAsIs() throws Exception {
        ApiClient.SignedIn user = ApiClient.signUp(mvc, "KES");

        HttpResponse<byte[]> response = get(user, "/api/v1/accounts", "gzip");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().length).isLessThan(256);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(ApiClient.json(new String(response.body(), StandardCharsets.UTF_8)).get(0).get("name").asString())
                .isEqualTo("M-Pesa");
    }

    private HttpResponse<byte[]> get(ApiClient.SignedIn user, String path, String acceptEncoding)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", user.bearer());
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void ledgerRow(ApiClient.SignedIn user, String sourceRef, Instant at) {
        jdbc.sql("""
                        INSERT INTO transactions (id, user_id, account_id, source_ref, source, occurred_at, local_date,
                            amount, currency, description, counterparty, category, category_source,
                            category_confidence, base_currency, amount_in_base, fx_rate_status)
                        VALUES (?, ?, ?, ?, 'MPESA_STATEMENT', ?, ?, -1250.00, 'KES', 'Merchant Payment to NAIVAS',
                            'NAIVAS', 'food', 'BUILT_IN', 80, 'KES', -1250.00, 'OFFICIAL')""")
                .params(TransactionIds.transactionId(user.walletId(), sourceRef), user.userId(), user.walletId(),
                        sourceRef, Timestamp.from(at), LocalDate.ofInstant(at, ZoneOffset.UTC))
                .update();
    }
}
