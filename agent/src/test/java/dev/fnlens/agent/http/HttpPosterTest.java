package dev.fnlens.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpPosterTest {
    private static final byte[] BODY = "otlp bytes".getBytes(StandardCharsets.UTF_8);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n";

    private Server server;
    private HttpPoster poster;

    @AfterEach
    void close() throws IOException {
        if (poster != null) {
            poster.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void posts_shareOneKeptAliveConnection_withTheOtlpHeaders() throws Exception {
        server = new Server((request, out) -> out.write(ascii(OK)));
        poster = new HttpPoster(server.uri(), "Bearer s3cret", false, 2_000);

        assertThat(poster.post("/v1/traces", BODY, BODY.length)).isEqualTo(200);
        assertThat(poster.post("/v1/logs", BODY, BODY.length)).isEqualTo(200);

        assertThat(server.connections.get()).isEqualTo(1);
        Request first = server.requests.get(0);
        assertThat(first.line).isEqualTo("POST /v1/traces HTTP/1.1");
        assertThat(first.header("content-type")).isEqualTo("application/x-protobuf");
        assertThat(first.header("authorization")).isEqualTo("Bearer s3cret");
        assertThat(first.header("host")).isEqualTo("127.0.0.1:" + server.port());
        assertThat(first.body).isEqualTo(BODY);
        assertThat(server.requests.get(1).line).isEqualTo("POST /v1/logs HTTP/1.1");
    }

    @Test
    void twoPosters_haveTheirRequestsWithTheServerAtOnce() throws Exception {
        java.util.concurrent.CountDownLatch bothArrived = new java.util.concurrent.CountDownLatch(2);
        server = new Server((request, out) -> {
            bothArrived.countDown();
            try {
                if (!bothArrived.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    return; // the other request never came: no answer, the client times out
                }
            } catch (InterruptedException e) {
                return;
            }
            out.write(ascii(OK));
        });
        poster = new HttpPoster(server.uri(), null, false, 2_000);
        try (HttpPoster second = new HttpPoster(server.uri(), null, false, 2_000)) {
            poster.send("/v1/traces", BODY, BODY.length);
            second.send("/v1/logs", BODY, BODY.length);

            assertThat(poster.receive()).isEqualTo(200);
            assertThat(second.receive()).isEqualTo(200);
        }
    }

    @Test
    void aSendWhoseAnswerWasNeverRead_doesNotConfuseTheNextPost() throws Exception {
        server = new Server((request, out) -> out.write(ascii(OK)));
        poster = new HttpPoster(server.uri(), null, false, 2_000);

        poster.send("/v1/traces", BODY, BODY.length);
        assertThat(poster.post("/v1/logs", BODY, BODY.length)).isEqualTo(200);

        assertThat(server.connections.get()).as("the unread answer's connection was dropped").isEqualTo(2);
    }

    @Test
    void gzip_compressesTheBody() throws Exception {
        server = new Server((request, out) -> out.write(ascii(OK)));
        poster = new HttpPoster(server.uri(), null, true, 2_000);
        byte[] big = "a log line that repeats\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        assertThat(poster.post("/v1/logs", big, big.length)).isEqualTo(200);

        Request request = server.requests.get(0);
        assertThat(request.header("content-encoding")).isEqualTo("gzip");
        assertThat(request.header("authorization")).isNull();
        assertThat(request.body.length).isLessThan(big.length / 10);
        assertThat(new GZIPInputStream(new java.io.ByteArrayInputStream(request.body)).readAllBytes()).isEqualTo(big);
    }

    @Test
    void statusAndChunkedBody_areRead_andTheConnectionKept() throws Exception {
        server = new Server((request, out) -> out.write(ascii("HTTP/1.1 503 Busy\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n")));
        poster = new HttpPoster(server.uri(), null, false, 2_000);

        assertThat(poster.post("/v1/traces", BODY, BODY.length)).isEqualTo(503);
        assertThat(poster.post("/v1/traces", BODY, BODY.length)).isEqualTo(503);

        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void anAnswerThatIsNotHttp_failsThePost_andTheNextPostConnectsAfresh() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server = new Server((request, out) -> out.write(ascii(n.getAndIncrement() == 0
                ? "\u0000\u0017garbage that is not HTTP at all\r\n\r\n" : OK)));
        poster = new HttpPoster(server.uri(), null, false, 2_000);

        assertThatThrownBy(() -> poster.post("/v1/traces", BODY, BODY.length)).isInstanceOf(IOException.class);
        assertThat(poster.post("/v1/traces", BODY, BODY.length)).isEqualTo(200);

        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void aResponseCutShort_failsThePost() throws Exception {
        server = new Server((request, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial"));
            throw new IOException("cut");
        });
        poster = new HttpPoster(server.uri(), null, false, 2_000);

        assertThatThrownBy(() -> poster.post("/v1/traces", BODY, BODY.length)).isInstanceOf(IOException.class);
    }

    @Test
    void aConnectionTheServerClosedWhileIdle_isReplacedBeforeTheNextPost() throws Exception {
        server = new Server((request, out) -> {
            out.write(ascii(OK));
            throw new IOException("close after answering, without saying so");
        });
        poster = new HttpPoster(server.uri(), null, false, 2_000);

        assertThat(poster.post("/v1/traces", BODY, BODY.length)).isEqualTo(200);
        Thread.sleep(200);
        assertThat(poster.post("/v1/traces", BODY, BODY.length)).isEqualTo(200);

        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void aServerThatNeverReads_cannotHoldAWriteOfMegabytesPastTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    held.add(silent.accept());
                } catch (IOException ignored) {
                    // closed
                }
            });
            acceptor.start();
            poster = new HttpPoster(URI.create("http://127.0.0.1:" + silent.getLocalPort()), null, false, 500);
            byte[] huge = new byte[64 * 1024 * 1024];

            long start = System.nanoTime();
            assertThatThrownBy(() -> poster.post("/v1/logs", huge, huge.length)).isInstanceOf(IOException.class);

            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(400L, 3_000L);
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aServerThatAnswersByTheByte_isCutAtTheTimeout() throws Exception {
        server = new Server((request, out) -> {
            for (byte b : ascii("HTTP/1.1 200 OK\r\nX-Slow: " + "y".repeat(1000) + "\r\n\r\n")) {
                out.write(b);
                out.flush();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        poster = new HttpPoster(server.uri(), null, false, 500);

        long start = System.nanoTime();
        assertThatThrownBy(() -> poster.post("/v1/traces", BODY, BODY.length)).isInstanceOf(IOException.class);

        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(400L, 3_000L);
    }

    @Test
    void nothingListening_failsFast() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        poster = new HttpPoster(URI.create("http://127.0.0.1:" + port), null, false, 2_000);

        long start = System.nanoTime();
        assertThatThrownBy(() -> poster.post("/v1/traces", BODY, BODY.length)).isInstanceOf(IOException.class);

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000L);
    }

    @Test
    void aTokenWithALineBreak_isRefused() {
        assertThatThrownBy(() -> new HttpPoster(URI.create("http://127.0.0.1:1"), "Bearer a\r\nX-Evil: 1", false, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** What the server read of one request. */
    private record Request(String line, List<String> headers, byte[] body) {
        String header(String name) {
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (h.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return h.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private interface Answer {
        void answer(Request request, OutputStream out) throws IOException;
    }

    /** A raw HTTP/1.1 server on a free loopback port: reads requests, lets the test answer anything. */
    private static final class Server implements AutoCloseable {
        final List<Request> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket socket;

        Server(Answer answer) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        connections.incrementAndGet();
                        Thread serving = new Thread(() -> serve(connection, answer));
                        serving.setDaemon(true);
                        serving.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + port());
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(Socket connection, Answer answer) {
            try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
                while (true) {
                    String line = line(in);
                    if (line == null) {
                        return;
                    }
                    List<String> headers = new java.util.ArrayList<>();
                    int length = 0;
                    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                        headers.add(h);
                        if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(h.substring(15).trim());
                        }
                    }
                    Request request = new Request(line, headers, in.readNBytes(length));
                    requests.add(request);
                    answer.answer(request, out);
                    out.flush();
                }
            } catch (IOException e) {
                // the test's answer cut the connection, or the client did
            }
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    String s = line.toString(StandardCharsets.ISO_8859_1);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                line.write(b);
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
