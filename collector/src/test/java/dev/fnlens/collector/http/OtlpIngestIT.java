package dev.fnlens.collector.http;

import static dev.fnlens.collector.OtlpFixtures.invocation;
import static dev.fnlens.collector.OtlpFixtures.logRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector on free ports, spoken to over real HTTP. */
class OtlpIngestIT {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final long MAX_BODY = 256 * 1024;

    @TempDir
    static Path data;
    static Collector collector;
    static TestHttp http;

    @BeforeAll
    static void start() throws Exception {
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0)
                .withMaxBodyBytes(MAX_BODY));
        http = new TestHttp(collector.otlpPort(), collector.httpPort());
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @AfterEach
    void stillServing() {
        String id = UUID.randomUUID().toString();
        assertThat(http.post("/v1/traces", PROTOBUF, traces(id).toByteArray()).statusCode()).isEqualTo(200);
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void protobufTraces_areAcknowledged_andSearchableWithinOneSecond() throws Exception {
        String id = UUID.randomUUID().toString();

        HttpResponse<byte[]> response = http.post("/v1/traces", PROTOBUF, traces(id).toByteArray());
        long acked = System.nanoTime();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(PROTOBUF));
        assertThat(ExportTraceServiceResponse.parseFrom(response.body())).isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
        JsonNode found = awaitEvents("\"" + id + "\"", 3);
        assertThat((System.nanoTime() - acked) / 1_000_000).isLessThan(1000);
        assertThat(found.get("events")).extracting(e -> e.get("@type").asText()).containsExactly("REPORT", "END", "START");
        JsonNode report = found.get("events").get(0);
        assertThat(report.get("@message").asText()).isEqualTo("REPORT RequestId: " + id
                + "\tDuration: 102.25 ms\tBilled Duration: 103 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB"
                + OtlpFixtures.xraySuffix(id));
        assertThat(report.get("@log").asText()).isEqualTo("/aws/lambda/orders");
        assertThat(report.get("@logStream").asText()).isEqualTo(OtlpFixtures.STREAM);
        assertThat(report.get("@requestId").asText()).isEqualTo(id);
        assertThat(report.get("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(report.get("@duration").asDouble()).isEqualTo(102.25);
        assertThat(report.get("@billedDuration").asDouble()).isEqualTo(103);
        assertThat(report.get("@memorySize").asDouble()).isEqualTo(5.12E8);
        assertThat(report.get("@maxMemoryUsed").asDouble()).isEqualTo(9.0E7);
        assertThat(found.get("statistics").get("recordsMatched").asLong()).isEqualTo(3);
    }

    @Test
    void otlpJsonTraces_areAcknowledgedInJson() {
        String id = UUID.randomUUID().toString();

        HttpResponse<byte[]> response = http.post("/v1/traces", JSON + "; charset=utf-8",
                OtlpFixtures.otlpJson(traces(id)).getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        awaitEvents("\"" + id + "\"", 3);
    }

    @Test
    void gzipBodies_areInflated_forBothFormats() {
        String id = UUID.randomUUID().toString();
        ExportLogsServiceRequest logs = OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                logRecord(id, System.currentTimeMillis(), "WARN", "{\"cart\":{\"items\":3}}"));

        assertThat(http.post("/v1/traces", PROTOBUF, TestHttp.gzip(traces(id).toByteArray()), "Content-Encoding", "gzip")
                .statusCode()).isEqualTo(200);
        assertThat(http.post("/v1/logs", JSON, TestHttp.gzip(OtlpFixtures.otlpJson(logs).getBytes(StandardCharsets.UTF_8)),
                "Content-Encoding", "gzip").statusCode()).isEqualTo(200);

        JsonNode events = awaitEvents("\"" + id + "\"", 4).get("events");
        JsonNode logLine = events.findParents("fields").get(0);
        assertThat(logLine.get("@message").asText()).endsWith("\t" + id + "\tWARN\t{\"cart\":{\"items\":3}}");
        assertThat(logLine.get("fields").get("cart.items").asLong()).isEqualTo(3);
    }

    @Test
    void garbage_is400_withAReason() {
        HttpResponse<byte[]> response = http.post("/v1/traces", PROTOBUF, new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3});

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(response).get("message").asText()).contains("malformed OTLP protobuf");
        assertThat(http.post("/v1/logs", JSON, "{\"resourceLogs\": [".getBytes()).statusCode()).isEqualTo(400);
        assertThat(http.post("/v1/traces", PROTOBUF, new byte[] {1, 2, 3}, "Content-Encoding", "gzip").statusCode())
                .isEqualTo(400);
    }

    @Test
    void unsupportedContentTypeOrEncoding_is415() {
        HttpResponse<byte[]> response = http.post("/v1/traces", "text/plain", "hello".getBytes());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(TestHttp.json(response).get("message").asText()).contains("Content-Type must be");
        assertThat(http.post("/v1/traces", PROTOBUF, new byte[0], "Content-Encoding", "br").statusCode()).isEqualTo(415);
    }

    @Test
    void bodyOverTheLimit_is413_declaredChunkedOrInflated() {
        byte[] big = new byte[(int) MAX_BODY * 16]; // 4 MiB: well past what socket buffers absorb

        HttpResponse<byte[]> declared = http.post("/v1/traces", PROTOBUF, big);
        HttpResponse<byte[]> chunked = http.post("/v1/traces", PROTOBUF,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        HttpResponse<byte[]> bomb = http.post("/v1/traces", PROTOBUF, TestHttp.gzip(big), "Content-Encoding", "gzip");

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(TestHttp.json(declared).get("message").asText()).contains("over the limit of " + MAX_BODY);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(bomb.statusCode()).isEqualTo(413);
    }

    @Test
    void emptyRequest_isAcknowledged() {
        assertThat(http.post("/v1/traces", PROTOBUF, new byte[0]).statusCode()).isEqualTo(200);
        assertThat(http.post("/v1/logs", JSON, "{}".getBytes()).statusCode()).isEqualTo(200);
    }

    @Test
    void limits_areAnsweredWithAStatusAndAReasonNamingThem() throws Exception {
        // given
        io.opentelemetry.proto.trace.v1.Span.Builder wide = invocation("wide", System.currentTimeMillis());
        for (int i = 0; i < 130; i++) {
            wide.addAttributes(OtlpFixtures.attr("extra." + i, i));
        }
        io.opentelemetry.proto.trace.v1.Span.Builder[] many = new io.opentelemetry.proto.trace.v1.Span.Builder[10_001];
        for (int i = 0; i < many.length; i++) {
            many[i] = io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("s");
        }

        // when
        HttpResponse<byte[]> attributes = http.post("/v1/traces", PROTOBUF,
                OtlpFixtures.traces("orders", OtlpFixtures.STREAM, invocation("ok", System.currentTimeMillis()), wide)
                        .toByteArray());
        HttpResponse<byte[]> items = http.post("/v1/traces", PROTOBUF,
                OtlpFixtures.traces("orders", OtlpFixtures.STREAM, many).toByteArray());
        HttpResponse<byte[]> query = http.postApi("/api/query", "{\"query\": \"fields " + "x".repeat(10_000) + "\"}");

        // then
        assertThat(attributes.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(attributes).get("error").asText()).isEqualTo("too_many_attributes");
        assertThat(TestHttp.json(attributes).get("message").asText()).isEqualTo("span #1 has 137 attributes; the limit is 128");
        assertThat(items.statusCode()).isEqualTo(413);
        assertThat(TestHttp.json(items).get("error").asText()).isEqualTo("too_many_items");
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(query).get("error").asText()).isEqualTo("query_too_long");
    }

    @Test
    void searchApi_rejectsBadQueries_withTheParsersMessage() {
        HttpResponse<byte[]> syntax = http.get("/api/search?q=%28unbalanced");
        HttpResponse<byte[]> limit = http.get("/api/search?limit=10001");
        HttpResponse<byte[]> start = http.get("/api/search?start=yesterday");

        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(syntax).get("message").asText()).startsWith("Cannot parse '(unbalanced'");
        assertThat(new String(syntax.body(), StandardCharsets.UTF_8)).doesNotContain("\tat ");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(start.statusCode()).isEqualTo(400);
    }

    @Test
    void searchApi_filtersByLogGroup_andFunctionsListsThem() {
        String id = UUID.randomUUID().toString();
        ExportTraceServiceRequest billing = OtlpFixtures.traces("billing", "billing-stream",
                invocation(id, System.currentTimeMillis() - 500));
        assertThat(http.post("/v1/traces", PROTOBUF, billing.toByteArray()).statusCode()).isEqualTo(200);
        awaitEvents("\"" + id + "\"", 3);

        long now = System.currentTimeMillis() / 1000;
        JsonNode onlyBilling = http.getJson("/api/search?logGroup=/aws/lambda/billing&limit=1000&start=" + (now - 600));
        JsonNode both = http.getJson("/api/search?logGroup=/aws/lambda/billing,/aws/lambda/orders&limit=1000&start="
                + (now - 600));
        JsonNode functions = http.getJson("/api/functions").get("functions");

        assertThat(onlyBilling.get("events")).isNotEmpty().allSatisfy(e ->
                assertThat(e.get("@log").asText()).isEqualTo("/aws/lambda/billing"));
        assertThat(both.get("events").size()).isGreaterThan(onlyBilling.get("events").size());
        assertThat(functions).extracting(f -> f.get("function").asText()).contains("billing", "orders");
        JsonNode billingStats = functions.findParents("function").stream()
                .filter(f -> f.get("function").asText().equals("billing")).findFirst().orElseThrow();
        assertThat(billingStats.get("logGroup").asText()).isEqualTo("/aws/lambda/billing");
        assertThat(billingStats.get("events").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(billingStats.get("invocations").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void ui_isServedAtTheRoot() {
        HttpResponse<byte[]> index = http.get("/");
        HttpResponse<byte[]> script = http.get("/js/main.js");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(new String(index.body(), StandardCharsets.UTF_8)).contains("fnlens");
        assertThat(script.statusCode()).isEqualTo(200);
    }

    @Test
    void failedInvocation_errorLineFieldsAreDiscovered_andSearchable() {
        String id = UUID.randomUUID().toString();
        ExportTraceServiceRequest failed = OtlpFixtures.traces("orders", OtlpFixtures.STREAM,
                invocation(id, System.currentTimeMillis() - 1000)
                        .addAttributes(OtlpFixtures.attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_ERROR))
                        .addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder().setName("exception")
                                .addAttributes(OtlpFixtures.attr("exception.type", "java.lang.ArithmeticException"))
                                .addAttributes(OtlpFixtures.attr("exception.message", "/ by zero"))));
        assertThat(http.post("/v1/traces", PROTOBUF, failed.toByteArray()).statusCode()).isEqualTo(200);

        JsonNode error = awaitEvents("ArithmeticException AND \"" + id + "\"", 1).get("events").get(0);

        assertThat(error.get("@requestId").asText()).isEqualTo(id);
        assertThat(error.get("fields").get("errorType").asText()).isEqualTo("java.lang.ArithmeticException");
        assertThat(error.get("fields").get("errorMessage").asText()).isEqualTo("/ by zero");
    }

    private static ExportTraceServiceRequest traces(String id) {
        return OtlpFixtures.traces("orders", OtlpFixtures.STREAM, invocation(id, System.currentTimeMillis() - 1000));
    }

    /** Polls until {@code count} events match; fails after five seconds. */
    static JsonNode awaitEvents(String q, int count) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            JsonNode found = http.search(q, 100);
            if (found.get("events").size() >= count || System.nanoTime() > deadline) {
                assertThat(found.get("events")).as("events for " + q).hasSize(count);
                return found;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
