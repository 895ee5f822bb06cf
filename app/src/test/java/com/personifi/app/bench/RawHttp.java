package com.personifi.app.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over one kept-alive socket, counting every byte each way: the load generator of the dashboard benchmark
 * (cheap enough to leave the cores to the platform) and its measure of bytes on the wire.
 */
final class RawHttp implements AutoCloseable {

    record Response(int status, Map<String, String> headers, byte[] body, long requestBytes, long responseBytes) {
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long lineBytes;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    static byte[] request(String method, String target, Map<String, String> headers, String body) {
        StringBuilder text = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            text.append("Content-Length: ").append(content.length).append("\r\n");
        }
        text.append("\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        lineBytes = 0;
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("Connection closed before an answer");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        byte[] body;
        long bodyBytes;
        if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line().split(";")[0].strip(), 16);
                if (size == 0) {
                    line();
                    break;
                }
                chunks.write(in.readNBytes(size));
                lineBytes += size;
                line();
            }
            body = chunks.toByteArray();
            bodyBytes = 0;
        } else {
            int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
            body = in.readNBytes(length);
            bodyBytes = length;
        }
        Response response = new Response(status, headers, body, request.length, lineBytes + bodyBytes);
        if ("close".equalsIgnoreCase(headers.get("Connection"))) {
            close();
        }
        return response;
    }

    /** One header line, its CRLF counted but not returned. */
    private String line() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            lineBytes++;
            if (b == '\n') {
                byte[] bytes = text.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            text.write(b);
        }
        return text.size() == 0 ? null : text.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
