package dev.fnlens.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API of one execution environment, as the AWS runtime interface client expects it:
 * {@code GET /2018-06-01/runtime/invocation/next} hands out the next event (long poll), the client posts
 * the outcome to {@code /invocation/{id}/response} or {@code /invocation/{id}/error}; a failed
 * initialisation arrives on {@code /init/error}.
 */
public final class RuntimeApiServer implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    private final String functionArn;
    private final HttpServer server;
    private final ExecutorService threads;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();

    private record Pending(String requestId, byte[] event, long deadlineEpochMs,
                           CompletableFuture<InvocationResult> result) {
    }

    public RuntimeApiServer(String functionArn) throws IOException {
        this.functionArn = functionArn;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fnlens-runtime-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event for the environment; the future completes when the function answers. */
    public CompletableFuture<InvocationResult> submit(String requestId, byte[] event, long deadlineEpochMs) {
        Pending pending = new Pending(requestId, event, deadlineEpochMs, new CompletableFuture<>());
        if (initError.isDone()) {
            pending.result.completeExceptionally(new IllegalStateException("init failed: " + initError.join()));
        } else {
            queue.add(pending);
        }
        return pending.result;
    }

    /** Completes when the runtime reports an initialisation error (e.g. the handler class is missing). */
    public CompletableFuture<String> initError() {
        return initError;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(exchange, between(path, "invocation/", "/response"), null);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
                complete(exchange, between(path, "invocation/", "/error"), type == null ? "Unhandled" : type);
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError.complete(new String(readBody(exchange), StandardCharsets.UTF_8));
                failAll("init failed: " + initError.join());
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"unknown runtime API path\",\"errorType\":\"InvalidRequest\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Pending pending;
        try {
            pending = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        inFlight.put(pending.requestId, pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(pending.deadlineEpochMs));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + pending.requestId.replace("-", "").substring(0, 24) + ";Sampled=0");
        exchange.sendResponseHeaders(200, pending.event.length == 0 ? -1 : pending.event.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(pending.event);
        }
    }

    private void complete(HttpExchange exchange, String requestId, String errorType) throws IOException {
        byte[] body = readBody(exchange);
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        pending.result.complete(new InvocationResult(requestId, body, errorType));
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private void failAll(String reason) {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.result.completeExceptionally(new IllegalStateException(reason));
        }
        inFlight.values().forEach(pending -> pending.result.completeExceptionally(new IllegalStateException(reason)));
        inFlight.clear();
    }

    private static String between(String path, String start, String end) {
        return path.substring(start.length(), path.length() - end.length());
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        failAll("environment stopped");
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
