package dev.fnlens.agent.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Queue;

/**
 * The Lambda Runtime API, as much of it as the AWS runtime interface client needs:
 * hands out queued events on {@code /invocation/next}, records {@code /response} and
 * {@code /error}, and once the queue is empty closes the connection without an answer:
 * the client then fails to get the next event and exits normally, running shutdown
 * hooks. (An HTTP error without the Lambda headers crashes its native code instead.)
 */
final class FakeRuntimeApi implements AutoCloseable {
    static final String PREFIX = "/2018-06-01/runtime";

    record Event(String requestId, String body) {
    }

    private final HttpServer server;
    private final String functionArn;
    private final Queue<Event> events = new ConcurrentLinkedQueue<>();
    private final Map<String, String> responses = new ConcurrentHashMap<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();

    FakeRuntimeApi(String functionArn) throws IOException {
        this.functionArn = functionArn;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX + "/", this::handle);
        server.start();
    }

    FakeRuntimeApi enqueue(String requestId, String body) {
        events.add(new Event(requestId, body));
        return this;
    }

    /** What {@code AWS_LAMBDA_RUNTIME_API} is set to. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    Map<String, String> responses() {
        return responses;
    }

    Map<String, String> errors() {
        return errors;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("/invocation/next")) {
                Event event = events.poll();
                if (event == null) {
                    return; // closed unanswered
                }
                exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", event.requestId());
                exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + 30_000));
                exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
                exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
                        "Root=1-5e7d7595-0123456789abcdef01234567;Parent=42ffa0645f474abc;Sampled=0");
                send(exchange, 200, event.body());
            } else if (path.startsWith("/invocation/") && path.endsWith("/response")) {
                responses.put(requestIdOf(path), body);
                send(exchange, 202, "{}");
            } else if (path.startsWith("/invocation/") && path.endsWith("/error")) {
                errors.put(requestIdOf(path), body);
                send(exchange, 202, "{}");
            } else {
                errors.put(path, body); // e.g. /init/error: the function failed to start
                send(exchange, 202, "{}");
            }
        }
    }

    private static String requestIdOf(String path) {
        String rest = path.substring("/invocation/".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
