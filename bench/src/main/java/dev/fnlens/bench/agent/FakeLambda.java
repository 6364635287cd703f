package dev.fnlens.bench.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of Lambda's Runtime and Extensions APIs for one environment: events handed out one at a time,
 * each only once every registered extension is waiting for its next event (as Lambda does), and the time
 * each response arrived.
 */
final class FakeLambda implements AutoCloseable {
    private final HttpServer server;
    private final LinkedBlockingQueue<String[]> events = new LinkedBlockingQueue<>();
    private final Map<String, Long> responded = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private boolean extensionRegistered;
    private boolean extensionWaiting;
    private String pendingInvoke;
    /** When the runtime first asked for an event, and how long that first event then waited for the extension. */
    private long firstRuntimeNextAt = -1;
    private volatile long firstHeldNanos = -1;
    /** Whether an extension had registered when the first event was handed out. */
    private volatile boolean registeredAtFirstEvent;
    private volatile boolean closed;

    FakeLambda() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-lambda");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/2018-06-01/runtime/", this::runtime);
        server.createContext("/2020-01-01/extension/", this::extension);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void enqueue(String requestId, String body) {
        events.add(new String[] {requestId, body});
    }

    /**
     * How long the runtime's first request for an event was held because the registered extension was not yet
     * waiting for its own (ms; 0 when it was, or no extension registered before it): the extension's start-up on
     * the first response's path. -1 before the first event was handed out.
     */
    double firstHeldMs() {
        return firstHeldNanos < 0 ? -1 : firstHeldNanos / 1e6;
    }

    /** Whether an extension had registered by the time the first event was handed out. */
    boolean registeredAtFirstEvent() {
        return registeredAtFirstEvent;
    }

    /** Waits for the response to {@code requestId}; returns when it arrived ({@link System#nanoTime()}), or -1. */
    long awaitResponse(String requestId, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            Long at = responded.get(requestId);
            if (at != null) {
                return at;
            }
            Thread.sleep(1);
        }
        return -1;
    }

    private void runtime(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            if (path.endsWith("/invocation/next")) {
                synchronized (lock) {
                    if (firstRuntimeNextAt < 0) {
                        firstRuntimeNextAt = System.nanoTime();
                    }
                }
                String[] event = events.poll(60, TimeUnit.SECONDS);
                if (event == null || closed) {
                    return;
                }
                awaitExtensionIdle();
                synchronized (lock) {
                    if (firstHeldNanos < 0) {
                        firstHeldNanos = System.nanoTime() - firstRuntimeNextAt;
                        registeredAtFirstEvent = extensionRegistered;
                    }
                    pendingInvoke = "{\"eventType\":\"INVOKE\",\"requestId\":\"" + event[0] + "\",\"deadlineMs\":"
                            + (System.currentTimeMillis() + 60_000) + "}";
                    lock.notifyAll();
                }
                exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", event[0]);
                exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
                exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:hello");
                exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
                        "Root=1-5e7d7595-0123456789abcdef01234567;Parent=42ffa0645f474abc;Sampled=0");
                send(exchange, 200, event[1]);
            } else if (path.endsWith("/response") || path.endsWith("/error")) {
                String id = path.split("/")[4];
                responded.put(id, System.nanoTime());
                send(exchange, 202, "{}");
            } else {
                send(exchange, 202, "{}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void extension(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            if (path.endsWith("/register")) {
                synchronized (lock) {
                    extensionRegistered = true;
                }
                exchange.getResponseHeaders().set("Lambda-Extension-Identifier", "ext-1");
                send(exchange, 200, "{\"functionName\":\"hello\",\"functionVersion\":\"$LATEST\"}");
            } else if (path.endsWith("/event/next")) {
                String invoke;
                synchronized (lock) {
                    extensionWaiting = true;
                    lock.notifyAll();
                    while (pendingInvoke == null && !closed) {
                        lock.wait(1000);
                    }
                    invoke = pendingInvoke;
                    pendingInvoke = null;
                    extensionWaiting = false;
                }
                if (invoke != null) {
                    send(exchange, 200, invoke);
                }
            } else {
                send(exchange, 202, "{}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitExtensionIdle() throws InterruptedException {
        synchronized (lock) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (extensionRegistered && !extensionWaiting && System.currentTimeMillis() < deadline) {
                lock.wait(100);
            }
        }
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
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        server.stop(0);
    }
}
