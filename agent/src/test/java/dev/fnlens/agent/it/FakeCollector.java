package dev.fnlens.agent.it;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OTLP/HTTP endpoint on a free loopback port that records {@code /v1/traces}
 * requests, and can be told to fail (any status) or to stall (accept, never answer).
 */
final class FakeCollector implements AutoCloseable {
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger logRequests = new AtomicInteger();
    private final AtomicInteger gzipRequests = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ServerSocket stalling;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private FakeCollector(HttpServer server, ServerSocket stalling) {
        this.server = server;
        this.stalling = stalling;
    }

    /** Records every request, then answers {@code status} (200 with an empty OTLP response, or a failure). */
    static FakeCollector answering(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeCollector collector = new FakeCollector(server, null);
        server.createContext("/v1/traces", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    collector.gzipRequests.incrementAndGet();
                    bytes = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
                }
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null) {
                    collector.authorizations.add(authorization);
                }
                collector.record(ExportTraceServiceRequest.parseFrom(bytes));
                byte[] answer = status == 200 ? ExportTraceServiceResponse.getDefaultInstance().toByteArray()
                        : "collector says no".getBytes();
                exchange.getResponseHeaders().set("Content-Type",
                        status == 200 ? "application/x-protobuf" : "text/plain");
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.createContext("/v1/logs", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                collector.logRequests.incrementAndGet();
                body.readAllBytes();
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
        return collector;
    }

    /** Accepts connections and never reads or answers: the exporter can only time out. */
    static FakeCollector stalled() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FakeCollector collector = new FakeCollector(null, socket);
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    collector.held.add(socket.accept());
                    collector.requests.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "stalled-collector");
        acceptor.setDaemon(true);
        acceptor.start();
        return collector;
    }

    /** An endpoint where nothing listens: a port that was free a moment ago. */
    static String deadEndpoint() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    String endpoint() {
        int port = server != null ? server.getAddress().getPort() : stalling.getLocalPort();
        return "http://127.0.0.1:" + port;
    }

    /** HTTP requests (or, when stalled, connections) received so far. */
    int requestCount() {
        return requests.get();
    }

    /** Trace requests that came gzip-compressed. */
    int gzipRequestCount() {
        return gzipRequests.get();
    }

    /** The Authorization headers of trace requests, in order. */
    List<String> authorizations() {
        return new ArrayList<>(authorizations);
    }

    List<ReceivedSpan> spans() {
        return new ArrayList<>(spans);
    }

    /** Waits until at least {@code count} spans arrived; returns what arrived either way. */
    List<ReceivedSpan> awaitSpans(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (spans.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return spans();
    }

    private void record(ExportTraceServiceRequest request) {
        requests.incrementAndGet();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    spans.add(new ReceivedSpan(resourceSpans.getResource(), scopeSpans.getScope(), span));
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.stop(0);
        }
        if (stalling != null) {
            stalling.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
