package dev.fnlens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a collector acknowledged, per function: batches of invocations are sent and their
 * request ids remembered only on a 200. {@link #assertExactlyOnce} then checks that every
 * acknowledged invocation's START, END and REPORT lines are found exactly once, and that
 * nothing (acknowledged or not) is found twice.
 */
public final class AckLedger {
    private static final int MAX_PER_QUERY = 10_000;
    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();

    /** Sends one batch of {@code n} invocations of {@code function}; true if it was acknowledged. */
    public boolean send(TestHttp http, String function, int n) {
        return status(http, function, n) == 200;
    }

    /** The same, returning the status (-1: no answer). */
    public int status(TestHttp http, String function, int n) {
        String[] ids = new String[n];
        Span.Builder[] spans = new Span.Builder[n];
        for (int i = 0; i < n; i++) {
            ids[i] = UUID.randomUUID().toString();
            spans[i] = OtlpFixtures.invocation(ids[i], System.currentTimeMillis() - 1000);
        }
        try {
            HttpResponse<byte[]> response = http.post("/v1/traces", "application/x-protobuf",
                    OtlpFixtures.traces(function, OtlpFixtures.STREAM, spans).toByteArray());
            if (response.statusCode() == 200) {
                acknowledged.computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet()).addAll(List.of(ids));
            }
            return response.statusCode();
        } catch (UncheckedIOException e) {
            return -1; // killed or reset mid-request: not acknowledged
        }
    }

    public int acknowledged() {
        return acknowledged.values().stream().mapToInt(Set::size).sum();
    }

    public int acknowledged(String function) {
        return acknowledged.getOrDefault(function, Set.of()).size();
    }

    public void assertExactlyOnce(TestHttp http) {
        acknowledged.forEach((function, ids) -> {
            for (String type : List.of("START", "END", "REPORT")) {
                Map<String, Integer> found = countByRequestId(http, "/aws/lambda/" + function, type);
                assertThat(found).as("%s %s events found more than once", function, type)
                        .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
                assertThat(found.keySet()).as("acknowledged %s %s events", function, type).containsAll(ids);
            }
        });
    }

    /** Polls until every acknowledged invocation is searchable (ingest is asynchronous to the index). */
    public void awaitSearchable(TestHttp http, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (Map.Entry<String, Set<String>> e : acknowledged.entrySet()) {
            while (!countByRequestId(http, "/aws/lambda/" + e.getKey(), "REPORT").keySet().containsAll(e.getValue())
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
        }
    }

    private static Map<String, Integer> countByRequestId(TestHttp http, String logGroup, String type) {
        JsonNode result = http.search("@type:" + type, logGroup, MAX_PER_QUERY);
        assertThat(result.get("statistics").get("recordsMatched").asLong()).as("too many to check in one query")
                .isLessThan(MAX_PER_QUERY);
        Map<String, Integer> counts = new HashMap<>();
        result.get("events").forEach(e -> counts.merge(e.get("@requestId").asText(), 1, Integer::sum));
        return counts;
    }

    /** A fresh id for a test run's function names. */
    public static String runId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
