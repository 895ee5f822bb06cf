package com.personifi.api.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

/**
 * A request whose body was read up front, up to a bound: so it can be fingerprinted before the controller reads it
 * again, or so that an unauthenticated sender cannot make the controller read more than a small body.
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {

    /** Thrown when the body is larger than the bound. */
    public static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final byte[] body;

    private CachedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    public static CachedBodyRequest of(HttpServletRequest request, int maxBytes) throws IOException, TooLarge {
        if (request.getContentLengthLong() > maxBytes) {
            throw new TooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new TooLarge();
            }
            return new CachedBodyRequest(request, body);
        }
    }

    /**
     * The request with its body read, or null once a 413 problem saying {@code what} has been written for a body over
     * {@code maxBytes}.
     *
     * @param what who accepts how much, as the problem's detail begins: "A feed accepts"
     */
    public static CachedBodyRequest orRefuse(HttpServletRequest request, HttpServletResponse response, int maxBytes,
                                             String what) throws IOException {
        try {
            return of(request, maxBytes);
        } catch (TooLarge e) {
            Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                    what + " at most " + maxBytes + " bytes.");
            return null;
        }
    }

    public byte[] body() {
        return body;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body was already read");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }
}
