package dev.fnlens.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits between the agent and the real collector: records the OTLP spans and log records that pass
 * (the collector keeps only the Lambda lines, not span attributes), forwards them unchanged, and can
 * be told to stall (accept the request, never answer) as a hung collector would.
 */
final class OtlpTap implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String collector;
    private final List<RecordedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<io.opentelemetry.proto.logs.v1.LogRecord> logs = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean stalled;
    private final Object stallLock = new Object();

    OtlpTap(String collectorEndpoint) throws IOException {
        this.collector = collectorEndpoint;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "otlp-tap");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/v1/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** While stalled, requests are accepted and held without an answer. */
    void stall(boolean stall) {
        stalled = stall;
        if (!stall) {
            synchronized (stallLock) {
                stallLock.notifyAll();
            }
        }
    }

    int requests() {
        return requests.get();
    }

    List<RecordedSpan> spans() {
        return new ArrayList<>(spans);
    }

    List<io.opentelemetry.proto.logs.v1.LogRecord> logs() {
        return new ArrayList<>(logs);
    }

    RecordedSpan awaitSpan(String requestId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (RecordedSpan span : spans) {
                if (requestId.equals(span.string("faas.invocation_id"))) {
                    return span;
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no span for " + requestId + " within " + timeout + "; got "
                + spans.stream().map(s -> s.string("faas.invocation_id")).toList());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            requests.incrementAndGet();
            byte[] body = in.readAllBytes();
            if (stalled) {
                synchronized (stallLock) {
                    while (stalled) {
                        stallLock.wait(1000);
                    }
                }
                return; // the client gave up long ago; drop the connection
            }
            String path = exchange.getRequestURI().getPath();
            record(path, body);
            HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(collector + path))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().set("Content-Type",
                    answer.headers().firstValue("Content-Type").orElse("application/x-protobuf"));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(String path, byte[] body) throws IOException {
        if (path.endsWith("/v1/traces")) {
            for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    ss.getSpansList().forEach(span -> spans.add(new RecordedSpan(rs.getResource(), span)));
                }
            }
        } else if (path.endsWith("/v1/logs")) {
            for (ResourceLogs rl : ExportLogsServiceRequest.parseFrom(body).getResourceLogsList()) {
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    logs.addAll(sl.getLogRecordsList());
                }
            }
        }
    }

    @Override
    public void close() {
        stall(false);
        server.stop(0);
    }
}
