package dev.fnlens.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A real webhook receiver on a free loopback port: records every request, answers with scripted statuses
 * (then 200), and can be stopped and started again on the same port.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived, and what it was answered. */
    record Request(Map<String, String> headers, String body, int answered, long receivedAt) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final int port;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private HttpServer server;

    private WebhookReceiver(int port) {
        this.port = port;
    }

    /** Listening on a free port. */
    static WebhookReceiver start() {
        WebhookReceiver r = new WebhookReceiver(0);
        r.listen(0);
        return r;
    }

    /** On a free port that nothing listens on yet: {@link #listen()} later. */
    static WebhookReceiver down() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new WebhookReceiver(s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void listen() {
        listen(port);
    }

    private synchronized void listen(int on) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            int status;
            synchronized (this) {
                status = script.isEmpty() ? 200 : script.pollFirst();
                requests.add(new Request(headers, new String(body, StandardCharsets.UTF_8), status,
                        System.currentTimeMillis()));
                notifyAll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The next requests are answered with these statuses, in order; after them, 200. */
    synchronized WebhookReceiver answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    int port() {
        return server != null ? server.getAddress().getPort() : port;
    }

    synchronized List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Waits until {@code count} requests that match arrived; returns all that match. */
    synchronized List<Request> await(int count, Predicate<Request> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Request> found = requests.stream().filter(match).toList();
            long left = deadline - System.nanoTime();
            if (found.size() >= count || left <= 0) {
                return found;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    static Predicate<Request> status(String status) {
        return r -> r.json().path("status").asText().equals(status);
    }

    @Override
    public void close() {
        stop();
    }
}
