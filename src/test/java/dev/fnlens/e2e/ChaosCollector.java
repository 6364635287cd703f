package dev.fnlens.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an agent sees as its collector, switchable at any moment: {@link Mode#FORWARD} to a
 * real collector, {@link Mode#DOWN} (the port refuses connections), {@link Mode#SLOW}
 * (requests are read, then answered only after a long stall), {@link Mode#GARBAGE} (random
 * bytes, a 200 with a broken body, a 500, a connection cut mid-answer), {@link Mode#NOT_HTTP} (only random
 * bytes, the connection then cut or left open). A tiny HTTP/1.1
 * server on raw sockets, so that every misbehaviour is possible.
 */
final class ChaosCollector implements AutoCloseable {
    enum Mode { FORWARD, DOWN, SLOW, GARBAGE, NOT_HTTP }

    private final String target;
    private final Duration stall;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "chaos-connection");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random(42);
    private final AtomicLong requests = new AtomicLong();
    private final int port;
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket server;

    /** @param target the real collector's OTLP base URL */
    ChaosCollector(String target, Duration stall) throws IOException {
        this.target = target;
        this.stall = stall;
        this.server = listen(0);
        this.port = server.getLocalPort();
        acceptLoop(server);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long requests() {
        return requests.get();
    }

    /** Switches; DOWN closes the listening socket (connections are refused), leaving DOWN opens it again. */
    synchronized void mode(Mode next) throws IOException {
        if (next == Mode.DOWN && mode != Mode.DOWN) {
            server.close();
        } else if (next != Mode.DOWN && mode == Mode.DOWN) {
            server = listen(port);
            acceptLoop(server);
        }
        mode = next;
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return s;
    }

    private void acceptLoop(ServerSocket listening) {
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket socket = listening.accept();
                    connections.execute(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        }, "chaos-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = socket.getOutputStream()) {
            while (true) {
                Request request = Request.read(in);
                if (request == null) {
                    return;
                }
                requests.incrementAndGet();
                switch (mode) {
                    case FORWARD -> forward(request, out);
                    case SLOW -> {
                        Thread.sleep(stall.toMillis());
                        answer(out, 200, "application/x-protobuf", new byte[0]);
                    }
                    case GARBAGE -> {
                        if (garbage(out)) {
                            return;
                        }
                    }
                    case NOT_HTTP -> {
                        if (notHttp(out)) {
                            return;
                        }
                    }
                    case DOWN -> {
                        return; // accepted just before the switch: cut it
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the agent gave up on this connection, or the test is over
        }
    }

    private void forward(Request request, OutputStream out) throws IOException, InterruptedException {
        HttpRequest.Builder proxied = HttpRequest.newBuilder(URI.create(target + request.path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body));
        if (request.contentType != null) {
            proxied.header("Content-Type", request.contentType);
        }
        if (request.contentEncoding != null) {
            proxied.header("Content-Encoding", request.contentEncoding);
        }
        HttpResponse<byte[]> response = client.send(proxied.build(), HttpResponse.BodyHandlers.ofByteArray());
        answer(out, response.statusCode(), response.headers().firstValue("Content-Type").orElse("text/plain"),
                response.body());
    }

    /** Returns true when the connection was cut. */
    private boolean garbage(OutputStream out) throws IOException {
        byte[] noise = new byte[random.nextInt(2_000)];
        random.nextBytes(noise);
        switch (random.nextInt(5)) {
            case 0 -> {
                out.write(noise); // not HTTP at all
                return true;
            }
            case 1 -> answer(out, 200, "application/x-protobuf", noise); // an undecodable response
            case 2 -> answer(out, 500, "text/html", "<h1>oops</h1>".getBytes(StandardCharsets.UTF_8));
            case 3 -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial".getBytes(StandardCharsets.US_ASCII));
                return true; // cut mid-answer
            }
            default -> answer(out, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8));
        }
        return false;
    }

    /**
     * Random bytes as the answer, ending in a line break (so that a client sees a whole line that is not HTTP
     * rather than waiting for the rest of one); returns true when the connection is then cut (else it stays open).
     */
    private boolean notHttp(OutputStream out) throws IOException {
        byte[] noise = new byte[1 + random.nextInt(2_000)];
        random.nextBytes(noise);
        out.write(noise);
        out.write(new byte[] {'\r', '\n'});
        out.flush();
        return random.nextBoolean();
    }

    private static void answer(OutputStream out, int status, String type, byte[] body) throws IOException {
        out.write(String.format(Locale.ROOT, "HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
                status, type, body.length).getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** The parts of an HTTP/1.1 request the forwarding needs. */
    private record Request(String path, String contentType, String contentEncoding, byte[] body) {
        static Request read(InputStream in) throws IOException {
            String line = line(in);
            if (line == null || line.isEmpty()) {
                return null;
            }
            String path = line.split(" ")[1];
            String type = null;
            String encoding = null;
            int length = 0;
            boolean chunked = false;
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).strip();
                switch (name) {
                    case "content-type" -> type = value;
                    case "content-encoding" -> encoding = value;
                    case "content-length" -> length = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    default -> {
                    }
                }
            }
            byte[] body = chunked ? chunked(in) : in.readNBytes(length);
            return new Request(path, type, encoding, body);
        }

        private static byte[] chunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            line(in);
            return body.toByteArray();
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    String s = line.toString(StandardCharsets.US_ASCII);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
        }
    }
}
