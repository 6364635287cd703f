package dev.fnlens.agent.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Lambda Extensions API ({@code /2020-01-01/extension/...}) over a plain socket: one small
 * HTTP/1.1 request per call, so registering costs no HTTP client class loading at start-up.
 */
final class ExtensionClient {
    static final String NAME = "fnlens";
    private static final String PREFIX = "/2020-01-01/extension";
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    /** What the API answered. */
    record Response(int status, String identifier, String body) {
    }

    private final String host;
    private final int port;

    ExtensionClient(String runtimeApi) {
        int colon = runtimeApi.lastIndexOf(':');
        this.host = colon > 0 ? runtimeApi.substring(0, colon) : runtimeApi;
        this.port = colon > 0 ? Integer.parseInt(runtimeApi.substring(colon + 1)) : 80;
    }

    /** Registers an internal extension for INVOKE events; returns its identifier, or null when refused. */
    String register() throws IOException {
        Response response = call("POST", PREFIX + "/register", "Lambda-Extension-Name: " + NAME + "\r\n",
                "{\"events\":[\"INVOKE\"]}", 5_000);
        return response.status() == 200 ? response.identifier() : null;
    }

    /** Blocks until the next event; its JSON body, or null when the API refused. */
    String next(String identifier) throws IOException {
        Response response = call("GET", PREFIX + "/event/next", "Lambda-Extension-Identifier: " + identifier + "\r\n",
                null, 0);
        return response.status() == 200 ? response.body() : null;
    }

    private Response call(String method, String path, String headers, String body, int readTimeoutMs)
            throws IOException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        // the Runtime API is local: no proxy (nor the proxy selector's classes) on the way
        try (Socket socket = new Socket(Proxy.NO_PROXY)) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(readTimeoutMs);
            OutputStream out = socket.getOutputStream();
            String request = method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + headers
                    + "Connection: close\r\n"
                    + (body != null ? "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n" : "")
                    + "\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    static Response parse(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ");
        if (parts.length < 2) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        String identifier = null;
        int length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            if (name.equals("lambda-extension-identifier")) {
                identifier = value;
            } else if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes(length));
        } else {
            in.transferTo(body);
        }
        return new Response(status, identifier, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        if (b < 0 && line.length() == 0) {
            throw new IOException("connection closed");
        }
        return line.toString();
    }
}
