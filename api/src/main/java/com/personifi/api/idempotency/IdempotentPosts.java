package com.personifi.api.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.personifi.api.auth.CurrentUser;
import com.personifi.api.database.DatabaseUser;
import com.personifi.api.web.CachedBodyRequest;
import com.personifi.api.web.Problems;
import com.personifi.schemas.accounts.AccountNumberCipher;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UrlPathHelper;

/**
 * {@code Idempotency-Key} on every authenticated {@code POST /api/v1/**} with a JSON (or empty) body. The first request
 * under a key runs and its successful answer is kept for 24 hours; the same request again gets that answer back,
 * marked {@code Idempotent-Replayed: true}, without running again. The same key with another method, path, query or
 * body is refused with 422, and while the first request still runs a second one gets 409.
 *
 * <p>An answer marked {@code Cache-Control: no-store} carries a secret shown once (a feed's token, a webhook's
 * signing secret): it is kept without its body, so the secret rests nowhere but with the client, and a replay gets
 * the status and {@code Location} only.
 *
 * <p>Not covered: multipart uploads (a statement is deduplicated by its rows, and its bytes are too many to keep),
 * forwarded SMS (deduplicated by receipt, and published to Kafka, which no database transaction undoes), form posts,
 * {@code /api/v1/auth/**} (sign-up, sign-in, refresh and sign-out: tokens are never kept) and requests that act
 * for no one whatever bearer token came along (payment callbacks, SMS forwarders). A failed request (4xx, 5xx) keeps nothing and changes nothing (its writes are
 * rolled back), so it can be corrected and sent again under the same key.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class IdempotentPosts extends OncePerRequestFilter {

    static final String KEY_HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final int MAX_KEY_LENGTH = 200;
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Duration RETENTION = Duration.ofHours(24);
    /** Longer than any request runs; a claim older than this belongs to a process that died. */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private static final String SMS_INTAKE = "/api/v1/feeds/sms";

    private static final Logger log = LoggerFactory.getLogger(IdempotentPosts.class);

    private final IdempotencyKeys keys;
    private final AccountNumberCipher numbers;
    private final TransactionTemplate oneTransaction;

    IdempotentPosts(IdempotencyKeys keys, AccountNumberCipher numbers, PlatformTransactionManager transactions) {
        this.numbers = numbers;
        this.keys = keys;
        this.oneTransaction = new TransactionTemplate(transactions);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || request.getHeader(KEY_HEADER) == null) {
            return true;
        }
        // decoded, as security and the controllers see it
        String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        // sign-in and refresh answer with tokens, which must rest nowhere but with the client
        if (!path.startsWith("/api/v1/") || path.startsWith("/api/v1/auth/")) {
            return true;
        }
        // a forwarded SMS is deduplicated by its receipt, and goes to Kafka, which no database transaction undoes
        if (path.equals(SMS_INTAKE)) {
            return true;
        }
        String contentType = request.getContentType();
        return contentType != null && (contentType.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)
                || contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<UUID> user = currentUser();
        // only work done as the user (under row-level security) is kept: callbacks and forwarded messages act for
        // no one until their own secret is checked, whatever bearer token came along
        if (user.isEmpty() || !user.equals(DatabaseUser.current())) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(KEY_HEADER).strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            Problems.write(response, HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key",
                    "An Idempotency-Key has 1 to " + MAX_KEY_LENGTH + " characters.");
            return;
        }
        CachedBodyRequest cached = CachedBodyRequest.orRefuse(request, response, MAX_BODY_BYTES,
                "A request with an Idempotency-Key has");
        if (cached == null) {
            return;
        }
        byte[] fingerprint = fingerprint(request, cached.body());
        if (keys.claim(user.get(), key, fingerprint, LEASE)) {
            runFirst(cached, response, chain, user.get(), key);
        } else {
            answerAgain(response, user.get(), key, fingerprint);
        }
    }

    /**
     * Runs the request and keeps its answer in one database transaction, which every write of the request joins: the
     * work and the answer are committed together or not at all. So a create whose answer could not be kept (the
     * database failing between the two) has created nothing, and its retry under the same key runs it once.
     */
    private void runFirst(CachedBodyRequest request, HttpServletResponse response, FilterChain chain, UUID user,
                          String key) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            kept = Boolean.TRUE.equals(oneTransaction.execute(transaction -> {
                try {
                    chain.doFilter(request, captured);
                } catch (IOException | ServletException e) {
                    throw new FailedInside(e);
                }
                if (request.isAsyncStarted()) {
                    // the rest runs elsewhere, outside this transaction: what ran here stands, nothing is kept
                    return false;
                }
                int status = captured.getStatus();
                if (status < 200 || status >= 300) {
                    // a refused request changes nothing, whatever it did before it was refused
                    transaction.setRollbackOnly();
                    return false;
                }
                keys.answer(user, key, answer(captured, status), RETENTION);
                return true;
            }));
        } catch (FailedInside e) {
            if (e.getCause() instanceof ServletException servlet) {
                throw servlet;
            }
            throw (IOException) e.getCause();
        } catch (TransactionException | DataAccessException e) {
            // the work was not committed: the caller must not be told it was
            log.warn("A request under an Idempotency-Key was rolled back: {}", e.getMessage());
            captured.reset();
            Problems.write(captured, HttpStatus.SERVICE_UNAVAILABLE, "Not saved",
                    "The request could not be saved and changed nothing; send it again with the same key.");
        } finally {
            try {
                if (!kept) {
                    release(user, key);
                }
            } finally {
                captured.copyBodyToResponse();
            }
        }
    }

    /**
     * Lets go of a key whose request kept nothing. Failing that (the database still away), the claim lapses with its
     * lease; the answer already made still goes out.
     */
    private void release(UUID user, String key) {
        try {
            keys.release(user, key);
        } catch (DataAccessException e) {
            log.warn("Could not release an Idempotency-Key; it lapses after {}: {}", LEASE, e.getMessage());
        }
    }

    /**
     * An answer marked {@code Cache-Control: no-store} (set by the controller; the security defaults are written
     * only later, on the way out) carries a secret shown once: kept without its body.
     */
    private static IdempotencyKeys.Answer answer(ContentCachingResponseWrapper captured, int status) {
        String cacheControl = captured.getHeader(HttpHeaders.CACHE_CONTROL);
        boolean oneTimeSecret = cacheControl != null && cacheControl.contains("no-store");
        String location = captured.getHeader(HttpHeaders.LOCATION);
        return oneTimeSecret ? new IdempotencyKeys.Answer(status, null, location, null)
                : new IdempotencyKeys.Answer(status, captured.getContentType(), location,
                        captured.getContentAsByteArray());
    }

    /** Carries a servlet failure out of the transaction callback, which rolls back on it. */
    private static final class FailedInside extends RuntimeException {
        FailedInside(Exception cause) {
            super(cause);
        }
    }

    private void answerAgain(HttpServletResponse response, UUID user, String key, byte[] fingerprint)
            throws IOException {
        Optional<IdempotencyKeys.Earlier> found = keys.earlier(user, key);
        if (found.isEmpty()) {
            // the first request failed and let go of the key between our claim and this read: the client retries
            conflict(response);
            return;
        }
        IdempotencyKeys.Earlier earlier = found.get();
        if (!MessageDigest.isEqual(earlier.fingerprint(), fingerprint)) {
            Problems.write(response, HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request.");
            return;
        }
        if (earlier.inFlight()) {
            conflict(response);
            return;
        }
        response.setStatus(earlier.status());
        if (earlier.contentType() != null) {
            response.setContentType(earlier.contentType());
        }
        if (earlier.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, earlier.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = earlier.body() == null ? new byte[0] : earlier.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void conflict(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        Problems.write(response, HttpStatus.CONFLICT, "Request in progress",
                "A request with this Idempotency-Key is still running; send it again in a moment.");
    }

    private static Optional<UUID> currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user
                ? Optional.of(user.id()) : Optional.empty();
    }

    /**
     * Method, path with query, and body: what makes two requests the same request. Keyed, not a plain hash: a body
     * may carry an account number, which a plain hash would let anyone reading the database find by trying them all.
     */
    private byte[] fingerprint(HttpServletRequest request, byte[] body) {
        String target = request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return numbers.requestFingerprint(target.getBytes(StandardCharsets.UTF_8), body);
    }
}
