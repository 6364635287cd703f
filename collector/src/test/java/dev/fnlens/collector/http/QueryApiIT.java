package dev.fnlens.collector.http;

import static dev.fnlens.collector.OtlpFixtures.invocation;
import static dev.fnlens.collector.OtlpFixtures.logRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.collector.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/query and GET /api/invocations over real HTTP. */
class QueryApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_SECONDS = 3;
    private static final String ID = UUID.randomUUID().toString();

    @TempDir
    static Path data;
    static Collector collector;
    static TestHttp http;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0)
                .withQueryTimeoutSeconds(TIMEOUT_SECONDS));
        http = new TestHttp(collector.otlpPort(), collector.httpPort());
        long now = System.currentTimeMillis();
        List<io.opentelemetry.proto.trace.v1.Span.Builder> spans = new ArrayList<>();
        spans.add(invocation(ID, now - 2000));
        for (int i = 0; i < 9; i++) {
            spans.add(invocation(UUID.randomUUID().toString(), now - 3000 + i));
        }
        assertThat(http.post("/v1/traces", "application/x-protobuf", OtlpFixtures.traces("orders", OtlpFixtures.STREAM,
                spans.toArray(io.opentelemetry.proto.trace.v1.Span.Builder[]::new)).toByteArray()).statusCode())
                .isEqualTo(200);
        assertThat(http.post("/v1/logs", "application/x-protobuf", OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                logRecord(ID, now - 1950, "INFO", "reserved 3 items"),
                logRecord(null, now - 1900, "INFO", "a".repeat(60) + "!")).toByteArray()).statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void query_answersLikeGetQueryResults() throws Exception {
        JsonNode answer = awaitRows("filter @type = \"REPORT\" and @log = \"/aws/lambda/orders\""
                + " | stats count() as n, avg(@duration) as avg by @log", 1, "n", "10");

        assertThat(answer.get("status").asText()).isEqualTo("Complete");
        assertThat(answer.get("columns")).extracting(JsonNode::asText).containsExactly("@log", "n", "avg");
        JsonNode row = answer.get("results").get(0);
        assertThat(row.get(0).get("field").asText()).isEqualTo("@log");
        assertThat(row.get(0).get("value").asText()).isEqualTo("/aws/lambda/orders");
        assertThat(row.get(2).get("value").asText()).isEqualTo("102.25");
        JsonNode statistics = answer.get("statistics");
        assertThat(statistics.get("recordsMatched").asLong()).isEqualTo(10);
        assertThat(statistics.get("recordsScanned").asLong()).isEqualTo(10);
        assertThat(statistics.get("bytesScanned").asLong()).isPositive();
    }

    @Test
    void acknowledgedEvents_areQueryableWithinASecond() throws Exception {
        String id = UUID.randomUUID().toString();
        assertThat(http.post("/v1/traces", "application/x-protobuf", OtlpFixtures.traces("billing", OtlpFixtures.STREAM,
                invocation(id, System.currentTimeMillis() - 500)).toByteArray()).statusCode()).isEqualTo(200);
        long acked = System.nanoTime();

        awaitRows("filter @requestId = \"" + id + "\" | stats count() as n", 1, "n", "3");

        assertThat((System.nanoTime() - acked) / 1_000_000).isLessThan(1000);
    }

    @Test
    void limitAndLogGroups_areApplied() throws Exception {
        awaitRows("filter @type = \"START\" and @log = \"/aws/lambda/orders\" | fields @message", 10, null, null);
        long now = System.currentTimeMillis() / 1000;
        assertThat(post(body("filter @type = \"START\"", now - 3600, now + 60, List.of("/aws/lambda/orders"), 2))
                .body().get("results")).hasSize(2);
        assertThat(post(body("fields @message", now - 3600, now + 60, List.of("/aws/lambda/other"), null))
                .body().get("results")).isEmpty();
    }

    @Test
    void brokenQuery_is400_withLineAndColumn() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Response r = post(body("stats count(*) as n by", now - 60, now, List.of(), null));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("error").asText()).isEqualTo("query_syntax");
        assertThat(r.body().get("message").asText()).startsWith("line 1, column 23: expected");
        assertThat(r.body().get("line").asInt()).isEqualTo(1);
        assertThat(r.body().get("column").asInt()).isEqualTo(23);
    }

    @Test
    void badRequests_are400() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        assertThat(post(body("fields " + "x, ".repeat(4000) + "y", now - 60, now, List.of(), null)).status()).isEqualTo(400);
        assertThat(post(body("fields @message", now, now - 60, List.of(), null)).status()).isEqualTo(400);
        assertThat(post(body("fields @message", now - 60, now, List.of(), 20_000)).status()).isEqualTo(400);
        Response notJson = post("{query");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("error").asText()).isEqualTo("bad_request");
    }

    @Test
    void pathologicalRegex_timesOut_whileOtherQueriesAnswer() throws Exception {
        awaitRows("filter @message like /^a+!$/ | stats count() as n", 1, "n", "1");
        // (.*a){20}$ on a run of a's that ends otherwise: a polynomial of degree 20 in the run's length
        long now = System.currentTimeMillis() / 1000;
        long t0 = System.nanoTime();
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() ->
                post(body("filter @message like /(.*a){20}$/ | stats count()", now - 3600, now + 60, List.of(), null)));
        Thread.sleep(300);

        Response quick = post(body("filter @type = \"START\" | stats count() as n", now - 3600, now + 60, List.of(), null));
        long quickMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(slow).isNotDone();
        Response timedOut = slow.get();
        long slowMillis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(quick.body().get("status").asText()).isEqualTo("Complete");
        assertThat(quickMillis).isLessThan(TIMEOUT_SECONDS * 1000L);
        assertThat(timedOut.status()).isEqualTo(200);
        assertThat(timedOut.body().get("status").asText()).isEqualTo("Timeout");
        assertThat(slowMillis).isBetween(TIMEOUT_SECONDS * 1000L, TIMEOUT_SECONDS * 1000L + 2000);
    }

    @Test
    void patternOverLongUnclosedQuotes_isAnswered() throws Exception {
        // the regex that shaped text beyond ASCII scanned to the end again from each of these quotes: minutes
        String message = "\u00e9 " + "\\\"".repeat(100_000);
        long now = System.currentTimeMillis();
        assertThat(http.post("/v1/logs", "application/x-protobuf", OtlpFixtures.logs("quotes", OtlpFixtures.STREAM,
                logRecord(null, now - 1000, "INFO", message)).toByteArray()).statusCode()).isEqualTo(200);
        awaitRows("filter @log = \"/aws/lambda/quotes\" | stats count() as n", 1, "n", "1");

        Response r = post(body("pattern @message", now / 1000 - 3600, now / 1000 + 60, List.of("/aws/lambda/quotes"),
                null));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("status").asText()).isEqualTo("Complete");
        JsonNode row = r.body().get("results").get(0);
        assertThat(row.get(0).get("value").asText()).isEqualTo(message);
        assertThat(row.get(2).get("value").asText()).isEqualTo("1");
    }

    @Test
    void invocation_isEveryEventOfTheRequest_inOrder() throws Exception {
        awaitRows("filter @requestId = \"" + ID + "\" | stats count() as n", 1, "n", "4");

        HttpResponse<byte[]> found = http.get("/api/invocations/" + ID);
        assertThat(found.statusCode()).isEqualTo(200);
        JsonNode events = TestHttp.json(found).get("events");
        assertThat(StreamSupport.stream(events.spliterator(), false).map(e -> e.path("@type").asText("app")).toList())
                .containsExactly("START", "app", "END", "REPORT");
        assertThat(events.get(1).get("@message").asText()).endsWith("\tINFO\treserved 3 items");
        assertThat(events.get(3).get("@duration").asDouble()).isEqualTo(102.25);
        assertThat(events.get(3).get("@requestId").asText()).isEqualTo(ID);

        HttpResponse<byte[]> missing = http.get("/api/invocations/" + UUID.randomUUID());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(missing).get("error").asText()).isEqualTo("not_found");
    }

    private record Response(int status, JsonNode body) {
    }

    private static String body(String query, long start, long end, List<String> groups, Integer limit) {
        ObjectNode json = JSON.createObjectNode().put("query", query).put("startTime", start).put("endTime", end);
        if (!groups.isEmpty()) {
            groups.forEach(json.putArray("logGroupNames")::add);
        }
        if (limit != null) {
            json.put("limit", limit);
        }
        return json.toString();
    }

    private static Response post(String body) {
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + collector.httpPort() + "/api/query"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), TestHttp.json(r));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the answer has {@code rows} rows (and the first row's field has the value, if given). */
    private static JsonNode awaitRows(String query, int rows, String field, String value) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            long now = System.currentTimeMillis() / 1000;
            JsonNode answer = post(body(query, now - 3600, now + 60, List.of(), null)).body();
            JsonNode results = answer.get("results");
            if (results != null && results.size() == rows && (field == null || hasValue(results.get(0), field, value))) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer with " + rows + " rows for " + query + ": " + answer);
            }
            Thread.sleep(20);
        }
    }

    private static boolean hasValue(JsonNode row, String field, String value) {
        for (JsonNode cell : row) {
            if (cell.get("field").asText().equals(field)) {
                return cell.get("value").asText().equals(value);
            }
        }
        return false;
    }
}
