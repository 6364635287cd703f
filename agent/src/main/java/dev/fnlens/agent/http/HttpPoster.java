package dev.fnlens.agent.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal HTTP/1.1 client for OTLP: {@code POST} with {@code Content-Length}, optional gzip and bearer
 * token, over one kept-alive connection to one endpoint. Every exchange is bounded (connect, then the
 * request and its response, each within the timeout); any failure — refused, timed out, cut, or an answer
 * that is not HTTP — closes the connection, so nothing of a broken exchange stays reachable, and the next
 * post opens a fresh one. Not thread-safe: one export thread uses it.
 */
public final class HttpPoster implements AutoCloseable {
    /** Collectors and proxies close idle connections (Jetty after 30 s); reconnect before they would. */
    private static final long MAX_IDLE_NANOS = 10_000_000_000L;

    private final String scheme;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final String authorization;
    private final long timeoutNanos;
    private final Gzip gzip;
    private final SSLSocketFactory tls;
    private final ResponseReader reader = new ResponseReader();
    private Connection connection;
    private long idleSinceNanos;
    /** Set while a request is sent and its answer not yet read: when the answer is due. */
    private long deadlineNanos;

    /**
     * @param endpoint      {@code http://host:port} or {@code https://...}; paths are given per post
     * @param authorization an {@code Authorization} header value, or null
     */
    public HttpPoster(URI endpoint, String authorization, boolean gzip, long timeoutMs) {
        this(endpoint, authorization, gzip, timeoutMs, null);
    }

    /** @param tls for https; null: the JDK's default (its trust store, loaded on the first https connection) */
    HttpPoster(URI endpoint, String authorization, boolean gzip, long timeoutMs, SSLSocketFactory tls) {
        this.scheme = endpoint.getScheme() == null ? "http" : endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) endpoint: " + endpoint);
        }
        this.host = endpoint.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + endpoint);
        }
        boolean https = scheme.equals("https");
        this.port = endpoint.getPort() > 0 ? endpoint.getPort() : https ? 443 : 80;
        boolean defaultPort = port == (https ? 443 : 80);
        String hostName = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        this.hostHeader = defaultPort ? hostName : hostName + ":" + port;
        if (authorization != null && (authorization.indexOf('\r') >= 0 || authorization.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("line break in the Authorization header");
        }
        this.authorization = authorization;
        this.timeoutNanos = timeoutMs * 1_000_000L;
        this.gzip = gzip ? new Gzip() : null;
        this.tls = tls;
    }

    /**
     * Posts {@code body[0, length)} as {@code application/x-protobuf}.
     *
     * @return the response's status code
     * @throws IOException when no complete HTTP response arrived in time
     */
    public int post(String path, byte[] body, int length) throws IOException {
        send(path, body, length);
        return receive();
    }

    /**
     * The first half of {@link #post}: writes the request. With two posters, one thread can have two requests
     * in the collector's hands at once (send, send, receive, receive).
     */
    public void send(String path, byte[] body, int length) throws IOException {
        if (deadlineNanos != 0) {
            close(); // the previous answer was never read (its reader gave up): that connection is out of step
        }
        byte[] payload = body;
        int payloadLength = length;
        if (gzip != null) {
            gzip.compress(body, length);
            payload = gzip.bytes();
            payloadLength = gzip.size();
        }
        byte[] head = head(path, payloadLength);
        try {
            Connection open = connection();
            long deadline = System.nanoTime() + timeoutNanos;
            open.write(head, 0, head.length, deadline);
            open.write(payload, 0, payloadLength, deadline);
            deadlineNanos = deadline;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        } finally {
            if (gzip != null) {
                gzip.trim();
            }
        }
    }

    /** The second half of {@link #post}: reads the answer to what {@link #send} wrote; returns its status. */
    public int receive() throws IOException {
        long deadline = deadlineNanos;
        deadlineNanos = 0;
        if (deadline == 0 || connection == null) {
            throw new IllegalStateException("nothing sent");
        }
        try {
            ResponseReader.Response response = reader.read(connection, deadline);
            if (response.keepAlive()) {
                idleSinceNanos = System.nanoTime();
            } else {
                close();
            }
            return response.status();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Connection connection() throws IOException {
        if (connection != null
                && (System.nanoTime() - idleSinceNanos > MAX_IDLE_NANOS || !connection.idleAndOpen())) {
            close();
        }
        if (connection == null) {
            long deadline = System.nanoTime() + timeoutNanos;
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IOException("unknown host " + host);
            }
            connection = scheme.equals("https")
                    ? TlsConnection.open(address, host, tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault(),
                            deadline)
                    : PlainConnection.open(address, deadline);
        }
        return connection;
    }

    private byte[] head(String path, int contentLength) {
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("User-Agent: fnlens-agent\r\n")
                .append("Content-Type: application/x-protobuf\r\n")
                .append("Content-Length: ").append(contentLength).append("\r\n");
        if (gzip != null) {
            head.append("Content-Encoding: gzip\r\n");
        }
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Closes the connection, if any; the next post opens a new one. */
    @Override
    public void close() {
        Connection open = connection;
        connection = null;
        deadlineNanos = 0;
        if (open != null) {
            open.close();
        }
    }
}
