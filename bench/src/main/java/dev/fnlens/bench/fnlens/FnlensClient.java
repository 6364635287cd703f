package dev.fnlens.bench.fnlens;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.bench.Http;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The calls the benchmarks make on a running collector: OTLP ingest, counts, metrics, queries. */
public final class FnlensClient {
    private static final String PROTOBUF = "application/x-protobuf";
    private final URI otlp;
    private final URI http;

    public FnlensClient(URI otlp, URI http) {
        this.otlp = otlp;
        this.http = http;
    }

    /** Posts one OTLP/HTTP protobuf body; fails unless every span was accepted durably. */
    public void traces(byte[] body) throws IOException {
        Http.Response r = Http.send("POST", otlp.resolve("/v1/traces"), PROTOBUF, body);
        if (!r.ok()) {
            throw new IOException("/v1/traces answered " + r.status() + ": " + Http.abbreviate(r.text()));
        }
        var partial = ExportTraceServiceResponse.parseFrom(r.body()).getPartialSuccess();
        if (partial.getRejectedSpans() > 0) {
            throw new IOException("spans rejected: " + partial.getErrorMessage());
        }
    }

    public void logs(byte[] body) throws IOException {
        Http.Response r = Http.send("POST", otlp.resolve("/v1/logs"), PROTOBUF, body);
        if (!r.ok()) {
            throw new IOException("/v1/logs answered " + r.status() + ": " + Http.abbreviate(r.text()));
        }
        var partial = ExportLogsServiceResponse.parseFrom(r.body()).getPartialSuccess();
        if (partial.getRejectedLogRecords() > 0) {
            throw new IOException("log records rejected: " + partial.getErrorMessage());
        }
    }

    /** Posts one Firehose delivery; fails unless every log event was kept. */
    public void firehose(byte[] body) throws IOException {
        Http.Response r = Http.send("POST", otlp.resolve("/cloudwatch/firehose"), "application/json", body);
        if (!r.ok() || r.rejectedEvents() != null) {
            throw new IOException("/cloudwatch/firehose answered " + r.status() + " "
                    + (r.rejectedEvents() != null ? r.rejectedEvents() : Http.abbreviate(r.text())));
        }
    }

    /**
     * Events searchable, from {@code /api/functions} (per log group term counts: cheap, where
     * an empty search counting every match took seconds over 10 M events).
     */
    public long count() throws IOException {
        long events = 0;
        for (JsonNode fn : Http.expectJson("GET", http.resolve("/api/functions"), null).path("functions")) {
            events += fn.path("events").asLong();
        }
        return events;
    }

    public JsonNode search(String q, long startSec, long endSec, int limit) throws IOException {
        return Http.expectJson("GET", searchUri(q, startSec, endSec, limit), null);
    }

    public URI searchUri(String q, long startSec, long endSec, int limit) {
        return http.resolve("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + "&start=" + startSec + "&end=" + endSec + "&limit=" + limit);
    }

    public URI queryUri() {
        return http.resolve("/api/query");
    }

    /** {@code POST /api/query} body, times in epoch seconds as in StartQuery. */
    public static String queryBody(String query, long startSec, long endSec, int limit) {
        var body = Http.JSON.createObjectNode()
                .put("query", query).put("startTime", startSec).put("endTime", endSec).put("limit", limit);
        return body.toString();
    }

    /** One value from the Prometheus text of {@code /metrics}: the sum of the matching samples. */
    public double metric(String name, String labelFilter) throws IOException {
        return metrics().value(name, labelFilter);
    }

    /** {@code /metrics} read once, for several values of the same moment. */
    public Metrics metrics() throws IOException {
        return new Metrics(Http.get(http.resolve("/metrics")).text());
    }

    /** The Prometheus text of one scrape. */
    public record Metrics(String text) {
        /** The sum of the samples named {@code name} whose labels contain {@code labelFilter} (null: any). */
        public double value(String name, String labelFilter) {
            double sum = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith(name) && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
                        && (labelFilter == null || line.contains(labelFilter))) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        }
    }

    public long heapUsedBytes() throws IOException {
        return (long) metric("jvm_memory_used_bytes", "area=\"heap\"");
    }
}
