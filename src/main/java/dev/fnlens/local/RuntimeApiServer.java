package dev.fnlens.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * initialisation arrives on {@code /init/error}. Beside it the Extensions API
 * ({@code /2020-01-01/extension/register}, {@code /event/next}), for extensions such as the fnlens agent's.
 */
public final class RuntimeApiServer implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final String EXTENSION_PREFIX = "/2020-01-01/extension/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionSpec function;
    private final String functionArn;
    private final HttpServer server;
    private final ExecutorService threads;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final Extensions extensions = new Extensions();

    private record Pending(String requestId, byte[] event, long timeoutMs, String traceId,
                           CompletableFuture<Long> dispatched, CompletableFuture<InvocationResult> result) {
        void fail(String reason) {
            dispatched.completeExceptionally(new IllegalStateException(reason));
            result.completeExceptionally(new IllegalStateException(reason));
        }
    }

    /**
     * An invocation handed to the environment.
     *
     * @param deadline completes with the invocation's deadline (epoch ms) once the runtime has taken it — after
     *                 the environment's initialisation, which does not count against the function's timeout
     */
    public record Submitted(CompletableFuture<Long> deadline, CompletableFuture<InvocationResult> result) {
    }

    public RuntimeApiServer(FunctionSpec function, String functionArn) throws IOException {
        this.function = function;
        this.functionArn = functionArn;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fnlens-runtime-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.createContext(EXTENSION_PREFIX, this::handleExtension);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event for the environment; its timeout starts when the runtime takes it. */
    public Submitted submit(String requestId, byte[] event, long timeoutMs, String traceId) {
        Pending pending = new Pending(requestId, event, timeoutMs, traceId, new CompletableFuture<>(),
                new CompletableFuture<>());
        if (initError.isDone()) {
            pending.fail("init failed: " + initError.join());
        } else {
            queue.add(pending);
        }
        return new Submitted(pending.dispatched, pending.result);
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
            // the environment is busy until its extensions are done with the previous invocation
            extensions.awaitIdle(System.currentTimeMillis() + pending.timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long deadline = System.currentTimeMillis() + pending.timeoutMs;
        inFlight.put(pending.requestId, pending);
        pending.dispatched.complete(deadline);
        extensions.dispatchInvoke(pending.requestId, deadline, functionArn, pending.traceId);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", pending.traceId);
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

    private void handleExtension(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(EXTENSION_PREFIX.length());
            String id = exchange.getRequestHeaders().getFirst("Lambda-Extension-Identifier");
            if (exchange.getRequestMethod().equals("POST") && path.equals("register")) {
                List<String> events = new ArrayList<>();
                JSON.readTree(readBody(exchange)).path("events").forEach(e -> events.add(e.asText()));
                String name = exchange.getRequestHeaders().getFirst("Lambda-Extension-Name");
                exchange.getResponseHeaders().set("Lambda-Extension-Identifier", extensions.register(name, events));
                send(exchange, 200, JSON.createObjectNode().put("functionName", function.name())
                        .put("functionVersion", "$LATEST").put("handler", function.handler()).toString());
            } else if (id == null || !extensions.isRegistered(id)) {
                send(exchange, 403, "{\"errorMessage\":\"unknown extension identifier\","
                        + "\"errorType\":\"Extension.UnknownExtensionIdentifier\"}");
            } else if (exchange.getRequestMethod().equals("GET") && path.equals("event/next")) {
                byte[] event = extensions.next(id);
                if (event != null) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, event.length);
                    exchange.getResponseBody().write(event);
                }
            } else if (exchange.getRequestMethod().equals("POST") && path.equals("init/error")) {
                initError.complete("extension init error: " + new String(readBody(exchange), StandardCharsets.UTF_8));
                failAll("init failed: " + initError.join());
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (exchange.getRequestMethod().equals("POST") && path.equals("exit/error")) {
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"unknown extension API path\",\"errorType\":\"InvalidRequest\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failAll(String reason) {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.fail(reason);
        }
        inFlight.values().forEach(pending -> pending.fail(reason));
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
        extensions.close();
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
