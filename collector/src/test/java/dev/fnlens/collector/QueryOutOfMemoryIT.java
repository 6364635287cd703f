package dev.fnlens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query that needs more memory than the collector's heap is given up with a 503 that says so, and everything else
 * goes on: ingest acknowledges, indexing makes the new events searchable, other queries answer. Before, the
 * {@code OutOfMemoryError} could strike the write-ahead log's writer thread while the query held the heap, and every
 * later ingest request waited for ever. The collector runs in its own JVM with a small heap; the query counts the
 * distinct values of a text eight times the size of what was ingested, while senders keep sending.
 */
class QueryOutOfMemoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "oom-" + AckLedger.runId();
    private static final int BATCHES = 40;
    private static final int PER_BATCH = 500;
    private static final int SMALL_BATCH = 20;
    private static final String GREEDY = "stats count_distinct(concat(@message, @message, @message, @message, @message,"
            + " @message, @message, @message)) as distinct";

    @TempDir
    Path data;
    @TempDir
    Path logs;

    @Test
    void aQueryThatRunsTheHeapOut_is503_andIngestIndexingAndQueriesGoOn() throws Exception {
        CollectorProcess collector = CollectorProcess.startWithHeap(data, logs.resolve("collector.log"), "96m");
        TestHttp http = collector.http();
        try {
            // given: 20,000 distinct lines of 1 KB
            long start = System.currentTimeMillis();
            String padding = "x".repeat(1_000);
            for (int b = 0; b < BATCHES; b++) {
                assertThat(send(http, "before", b, PER_BATCH, padding, start).statusCode()).isEqualTo(200);
            }
            awaitCount(http, "before", BATCHES * PER_BATCH, start);

            // when: the query runs while senders keep sending
            AtomicBoolean querying = new AtomicBoolean(true);
            AtomicLong acknowledged = new AtomicLong();
            Thread sender = new Thread(() -> {
                for (int b = 0; querying.get(); b++) {
                    if (send(http, "during", b, SMALL_BATCH, "", start).statusCode() == 200) {
                        acknowledged.addAndGet(SMALL_BATCH); // a refusal is fine: nothing of it was kept
                    }
                }
            });
            sender.start();
            HttpResponse<byte[]> greedy = query(http, GREEDY, start);
            querying.set(false);
            sender.join(60_000);

            // then: given up, and said why
            assertThat(greedy.statusCode()).as(new String(greedy.body())).isEqualTo(503);
            JsonNode error = TestHttp.json(greedy);
            assertThat(error.get("error").asText()).isEqualTo("query_out_of_memory");
            assertThat(error.get("message").asText()).contains("more memory than the collector has")
                    .as("given up by the heap guard, before the heap ran out").contains("% of its");

            // and: ingest, indexing and queries go on, and nothing acknowledged meanwhile is missing
            for (int b = 0; b < 4; b++) {
                assertThat(send(http, "after", b, PER_BATCH, "", start).statusCode()).isEqualTo(200);
            }
            awaitCount(http, "after", 4 * PER_BATCH, start);
            awaitCount(http, "during", acknowledged.get(), start);
            assertThat(countOf(http, "before", start)).isEqualTo(BATCHES * PER_BATCH);
            assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
        } finally {
            collector.stop();
        }
    }

    private static HttpResponse<byte[]> send(TestHttp http, String phase, int batch, int lines, String padding,
                                             long start) {
        LogRecord.Builder[] records = new LogRecord.Builder[lines];
        for (int i = 0; i < lines; i++) {
            records[i] = OtlpFixtures.logRecord(null, start + batch, "INFO",
                    phase + " line " + batch + "-" + i + " " + padding);
        }
        return http.post("/v1/logs", "application/x-protobuf",
                OtlpFixtures.logs(FUNCTION, OtlpFixtures.STREAM, records).toByteArray());
    }

    private static HttpResponse<byte[]> query(TestHttp http, String insights, long start) {
        ObjectNode body = JSON.createObjectNode().put("query", insights).put("startTime", start / 1000 - 60)
                .put("endTime", System.currentTimeMillis() / 1000 + 60);
        return http.postApi("/api/query", body.toString());
    }

    private static long countOf(TestHttp http, String phase, long start) {
        HttpResponse<byte[]> answer = query(http, "filter @message like \"" + phase + " line\" | stats count() as n", start);
        assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(200);
        JsonNode rows = TestHttp.json(answer).get("results");
        return rows.isEmpty() ? 0 : rows.get(0).get(0).get("value").asLong();
    }

    private static void awaitCount(TestHttp http, String phase, long expected, long start) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        long seen = countOf(http, phase, start);
        while (seen < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = countOf(http, phase, start);
        }
        assertThat(seen).as(phase + " lines searchable").isEqualTo(expected);
    }
}
