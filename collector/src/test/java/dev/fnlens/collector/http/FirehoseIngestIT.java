package dev.fnlens.collector.http;

import static dev.fnlens.collector.FirehoseFixtures.controlMessage;
import static dev.fnlens.collector.FirehoseFixtures.dataMessage;
import static dev.fnlens.collector.FirehoseFixtures.headers;
import static dev.fnlens.collector.FirehoseFixtures.logEvent;
import static dev.fnlens.collector.FirehoseFixtures.record;
import static dev.fnlens.collector.FirehoseFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A collector on free ports, fed CloudWatch Logs the way a Firehose HTTP endpoint destination delivers them. */
class FirehoseIngestIT {
    private static final String JSON = "application/json";
    private static final String PATH = "/cloudwatch/firehose";
    private static final long MAX_BODY = 1024 * 1024;
    private static final String STREAM = "2026/01/02/[$LATEST]0123456789abcdef0123456789abcdef";
    private static final String TRACE = "1-5e7d7595-5a2d4e35b4a9d26c0a5f9f6a";

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

    @Test
    void firehoseRequest_asAwsDocumentsIt_isAcknowledged_andItsLambdaLinesAreSearchableWithTheirFields() {
        // given: a text-format function (with a too-old line), a JSON-format function, a control message
        long now = System.currentTimeMillis();
        String textId = UUID.randomUUID().toString();
        String jsonId = UUID.randomUUID().toString();
        String tooOld = "stale" + UUID.randomUUID().toString().replace("-", "");
        String text = record(dataMessage("/aws/lambda/checkout", STREAM,
                logEvent("1", now - 900, "INIT_START Runtime Version: java:17.v40\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc\n"),
                logEvent("2", now - 400, "START RequestId: " + textId + " Version: $LATEST\n"),
                logEvent("3", now - 300, isoTime(now - 300) + "\t" + textId + "\tINFO\tcharging card\n"),
                logEvent("4", now - 200, "END RequestId: " + textId + "\n"),
                logEvent("5", now - 200, "REPORT RequestId: " + textId + "\tDuration: 198.50 ms\tBilled Duration: 199 ms"
                        + "\tMemory Size: 512 MB\tMax Memory Used: 90 MB\tInit Duration: 524.75 ms\t\nXRAY TraceId: "
                        + TRACE + "\tSegmentId: 42ffxmpl0645f474\tSampled: true\t\n"),
                logEvent("6", now - Duration.ofDays(15).toMillis(), "old line " + tooOld)));
        String json = record(dataMessage("/aws/lambda/payments", STREAM,
                logEvent("7", now - 3100, "{\"time\":\"" + isoTime(now - 3100) + "\",\"type\":\"platform.start\","
                        + "\"record\":{\"requestId\":\"" + jsonId + "\",\"version\":\"$LATEST\"}}"),
                logEvent("8", now - 3000, "{\"timestamp\":\"" + isoTime(now - 3000) + "\",\"level\":\"WARN\","
                        + "\"requestId\":\"" + jsonId + "\",\"message\":\"slow card provider\",\"provider\":{\"name\":\"acme\"}}"),
                logEvent("9", now - 50, "{\"time\":\"" + isoTime(now - 50) + "\",\"type\":\"platform.report\",\"record\":{"
                        + "\"requestId\":\"" + jsonId + "\",\"metrics\":{\"durationMs\":3000.0,\"billedDurationMs\":3000,"
                        + "\"memorySizeMB\":128,\"maxMemoryUsedMB\":64},\"status\":\"timeout\"}}")));
        String firehoseId = UUID.randomUUID().toString();
        byte[] body = TestHttp.gzip(request(firehoseId, now, text, record(controlMessage(now)), json));

        // when
        HttpResponse<byte[]> response = http.post(PATH, JSON, body, with(headers(firehoseId), "Content-Encoding", "gzip"));
        long after = System.currentTimeMillis();

        // then: the answer Firehose expects
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(JSON));
        JsonNode answer = TestHttp.json(response);
        assertThat(answer.fieldNames()).toIterable().containsExactly("requestId", "timestamp");
        assertThat(answer.get("requestId").asText()).isEqualTo(firehoseId);
        assertThat(answer.get("timestamp").asLong()).isBetween(now, after);
        assertThat(response.headers().firstValue("X-Fnlens-Rejected-Events")).hasValue("too_old=1");

        // and the text-format lines, with the fields the agent path gives
        JsonNode textEvents = awaitEvents("\"" + textId + "\"", 4).get("events");
        assertThat(textEvents).extracting(e -> e.path("@type").asText(null)).containsExactly("REPORT", "END", null, "START");
        JsonNode report = textEvents.get(0);
        assertThat(report.get("@log").asText()).isEqualTo("/aws/lambda/checkout");
        assertThat(report.get("@logStream").asText()).isEqualTo(STREAM);
        assertThat(report.get("@requestId").asText()).isEqualTo(textId);
        assertThat(report.get("@duration").asDouble()).isEqualTo(198.5);
        assertThat(report.get("@billedDuration").asDouble()).isEqualTo(199);
        assertThat(report.get("@memorySize").asDouble()).isEqualTo(5.12E8);
        assertThat(report.get("@maxMemoryUsed").asDouble()).isEqualTo(9.0E7);
        assertThat(report.get("@initDuration").asDouble()).isEqualTo(524.75);
        assertThat(report.get("@xrayTraceId").asText()).isEqualTo(TRACE);
        assertThat(report.get("@xraySegmentId").asText()).isEqualTo("42ffxmpl0645f474");
        assertThat(textEvents.get(2).get("@requestId").asText()).isEqualTo(textId);
        assertThat(awaitEvents("@type:INIT_START AND @log:\"/aws/lambda/checkout\"", 1).get("events").get(0)
                .get("@message").asText()).startsWith("INIT_START Runtime Version: java:17.v40");
        assertThat(awaitEvents("@type:REPORT AND @maxMemoryUsed:[8.9E7 TO 9.1E7] AND @initDuration:[500 TO 600] AND \""
                + textId + "\"", 1).get("events").get(0).get("@requestId").asText()).isEqualTo(textId);

        // and the JSON-format lines give the same names
        JsonNode jsonEvents = awaitEvents("@requestId:\"" + jsonId + "\"", 3).get("events");
        assertThat(jsonEvents).extracting(e -> e.path("@type").asText(null)).containsExactly("REPORT", null, "START");
        JsonNode jsonReport = jsonEvents.get(0);
        assertThat(jsonReport.get("@duration").asDouble()).isEqualTo(3000.0);
        assertThat(jsonReport.get("@memorySize").asDouble()).isEqualTo(1.28E8);
        assertThat(jsonReport.get("@maxMemoryUsed").asDouble()).isEqualTo(6.4E7);
        assertThat(jsonReport.get("@status").asText()).isEqualTo("timeout");
        assertThat(jsonEvents.get(1).get("fields").get("provider.name").asText()).isEqualTo("acme");

        // and neither the too-old line nor the control message was stored
        assertThat(searchAllTime(tooOld).get("events")).isEmpty();
        assertThat(searchAllTime("\"CWL CONTROL MESSAGE\"").get("events")).isEmpty();
    }

    @Test
    void controlMessageAlone_isAcknowledged() {
        String id = UUID.randomUUID().toString();

        HttpResponse<byte[]> response = http.post(PATH, JSON, request(id, System.currentTimeMillis(),
                record(controlMessage(System.currentTimeMillis()))), headers(id));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(response).get("requestId").asText()).isEqualTo(id);
        assertThat(response.headers().firstValue("X-Fnlens-Rejected-Events")).isEmpty();
    }

    @Test
    void malformedRecord_is400InFirehoseShape_andNothingOfTheRequestIsStored() {
        long now = System.currentTimeMillis();
        String lost = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        String firehoseId = UUID.randomUUID().toString();
        String good = record(dataMessage("/aws/lambda/orders", STREAM, logEvent("1", now, "START RequestId: " + lost + " Version: $LATEST")));

        HttpResponse<byte[]> response = http.post(PATH, JSON, request(firehoseId, now, good, "%%%not-base64"), headers(firehoseId));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = TestHttp.json(response);
        assertThat(answer.fieldNames()).toIterable().containsExactly("requestId", "timestamp", "errorMessage");
        assertThat(answer.get("requestId").asText()).isEqualTo(firehoseId);
        assertThat(answer.get("timestamp").asLong()).isGreaterThanOrEqualTo(now);
        assertThat(answer.get("errorMessage").asText()).startsWith("records[1].data is not valid base64");
        // a later request becomes searchable; the refused one never does (events are indexed in order)
        assertThat(http.post(PATH, JSON, request("next", now, record(dataMessage("/aws/lambda/orders", STREAM,
                logEvent("2", now, "START RequestId: " + kept + " Version: $LATEST")))), headers("next")).statusCode()).isEqualTo(200);
        awaitEvents("\"" + kept + "\"", 1);
        assertThat(http.search("\"" + lost + "\"", 10).get("events")).isEmpty();
    }

    @Test
    void badGzipBody_andBadJson_are400_withTheReason() {
        HttpResponse<byte[]> gzip = http.post(PATH, JSON, new byte[] {1, 2, 3}, with(headers("g"), "Content-Encoding", "gzip"));
        HttpResponse<byte[]> json = http.post(PATH, JSON, "{\"requestId\": \"j\", \"records\": [".getBytes(), headers("j"));
        String notGzip = java.util.Base64.getEncoder().encodeToString(new byte[] {0x1f, (byte) 0x8b, 8, 0, 9, 9, 9, 9});
        HttpResponse<byte[]> record = http.post(PATH, JSON, request("r", 0, notGzip), headers("r"));

        assertThat(gzip.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(gzip).get("errorMessage").asText()).contains("gzip");
        assertThat(TestHttp.json(gzip).get("requestId").asText()).isEqualTo("g");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(json).get("errorMessage").asText()).startsWith("request body is not valid JSON");
        assertThat(record.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(record).get("errorMessage").asText()).startsWith("records[0].data is not valid gzip");
    }

    @Test
    void bodyOverTheLimit_is413_andOtherEncodings415_inFirehoseShape() {
        byte[] big = new byte[(int) MAX_BODY * 4];

        HttpResponse<byte[]> tooLarge = http.post(PATH, JSON, big, headers("big"));
        HttpResponse<byte[]> brotli = http.post(PATH, JSON, new byte[] {1}, with(headers("br"), "Content-Encoding", "br"));

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(TestHttp.json(tooLarge).get("requestId").asText()).isEqualTo("big");
        assertThat(TestHttp.json(tooLarge).get("errorMessage").asText()).contains("over the limit of " + MAX_BODY);
        assertThat(brotli.statusCode()).isEqualTo(415);
        assertThat(TestHttp.json(brotli).get("errorMessage").asText()).contains("Content-Encoding must be gzip");
    }

    @Test
    void metrics_countRecordsEventsAndRejectionsByReason() {
        long now = System.currentTimeMillis();
        double dataBefore = metric("fnlens_firehose_records_total{type=\"data\"}");
        double controlBefore = metric("fnlens_firehose_records_total{type=\"control\"}");
        double eventsBefore = metric("fnlens_firehose_events_total");
        double newBefore = metric("fnlens_firehose_events_rejected_total{reason=\"too_new\"}");
        double largeBefore = metric("fnlens_firehose_events_rejected_total{reason=\"too_large\"}");
        double storedBefore = metric("fnlens_ingest_events_total{signal=\"cloudwatch\"}");
        String body = record(dataMessage("/aws/lambda/orders", STREAM, logEvent("1", now, "fine"),
                logEvent("2", now + Duration.ofHours(3).toMillis(), "from the future"),
                logEvent("3", now, "y".repeat(1_048_576 - 25))));

        HttpResponse<byte[]> response = http.post(PATH, JSON, request("m", now, body, record(controlMessage(now))), headers("m"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Fnlens-Rejected-Events")).hasValue("too_new=1, too_large=1");
        assertThat(metric("fnlens_firehose_records_total{type=\"data\"}") - dataBefore).isEqualTo(1);
        assertThat(metric("fnlens_firehose_records_total{type=\"control\"}") - controlBefore).isEqualTo(1);
        assertThat(metric("fnlens_firehose_events_total") - eventsBefore).isEqualTo(3);
        assertThat(metric("fnlens_firehose_events_rejected_total{reason=\"too_new\"}") - newBefore).isEqualTo(1);
        assertThat(metric("fnlens_firehose_events_rejected_total{reason=\"too_large\"}") - largeBefore).isEqualTo(1);
        assertThat(metric("fnlens_ingest_events_total{signal=\"cloudwatch\"}") - storedBefore).isEqualTo(1);
    }

    private static String[] with(String[] headers, String... more) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String isoTime(long millis) {
        return java.time.Instant.ofEpochMilli(millis).toString();
    }

    private static JsonNode searchAllTime(String q) {
        long end = System.currentTimeMillis() / 1000 + 60;
        return http.getJson("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&start=0&end=" + end);
    }

    /** A metric's value from /metrics, 0 when it is not there yet. */
    private static double metric(String nameAndLabels) {
        String text = new String(http.get("/metrics").body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(nameAndLabels) + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Polls until {@code count} events match; fails after five seconds. */
    private static JsonNode awaitEvents(String q, int count) {
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
