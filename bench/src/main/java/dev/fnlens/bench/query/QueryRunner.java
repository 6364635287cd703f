package dev.fnlens.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.bench.Http;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Runs one question {@code warmup} times (or for 20 s), then {@code runs} times, keeping the latencies of those.
 * A slow question gets fewer runs (at least 3) once it has used its time budget, so one
 * query taking tens of seconds cannot hold the whole benchmark for an hour.
 */
final class QueryRunner {
    private static final long BUDGET_NANOS = 90_000_000_000L;
    /** Warm-up stops after this long even short of its runs: a 300 ms aggregation is warm long before 400 runs. */
    private static final long WARMUP_BUDGET_NANOS = 20_000_000_000L;
    private static final int MIN_RUNS = 3;

    @FunctionalInterface
    interface Call {
        Http.Response run() throws IOException;
    }

    /** The answer was not a success: a bug to report, or a 404 for a missing endpoint. */
    static final class Refused extends IOException {
        final int status;

        Refused(int status, String message) {
            super("HTTP " + status + ": " + Http.abbreviate(message));
            this.status = status;
        }
    }

    private static final int CLIENT_WARMUP_CALLS = 2_000;

    private QueryRunner() {
    }

    /**
     * Warms this harness's own HTTP client with cheap calls to {@code uri} before a system's questions are timed.
     * Each server starts cold and is warmed by each question's warm-up runs; the client lives for the whole run,
     * so without this the system asked first would be timed with a cold client and the next one with a warm one.
     */
    static void warmClient(java.net.URI uri) throws IOException {
        for (int i = 0; i < CLIENT_WARMUP_CALLS; i++) {
            Http.Response r = Http.get(uri);
            if (!r.ok()) {
                throw new Refused(r.status(), r.text());
            }
        }
    }

    static QueryOutcome measure(int warmup, int runs, Call call, Function<JsonNode, String> answer)
            throws IOException {
        long warmupStart = System.nanoTime();
        for (int i = 0; i < warmup && System.nanoTime() - warmupStart < WARMUP_BUDGET_NANOS; i++) {
            Timed warm = timed(call);
            if (warm.unavailable() != null) {
                return warm.unavailable();
            }
            if (warm.millis() > 5_000) {
                break; // a slow query is warm after one run
            }
        }
        JsonNode last = null;
        double[] millis = new double[runs];
        int measured = 0;
        long start = System.nanoTime();
        while (measured < runs && (measured < MIN_RUNS || System.nanoTime() - start <= BUDGET_NANOS)) {
            Timed run = timed(call);
            if (run.unavailable() != null) {
                return run.unavailable();
            }
            last = run.answer();
            millis[measured++] = run.millis();
        }
        String summary = answer.apply(last) + (measured < runs ? " (" + measured + " runs: time budget)" : "");
        return new QueryOutcome(new Latencies(Arrays.copyOf(millis, measured)), summary, null);
    }

    /** One call: its latency at the client and its answer, or why the system could not answer. */
    private record Timed(double millis, JsonNode answer, QueryOutcome unavailable) {
    }

    private static Timed timed(Call call) throws IOException {
        long t0 = System.nanoTime();
        Http.Response r = call.run();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!r.ok()) {
            throw new Refused(r.status(), r.text());
        }
        JsonNode answer = r.json();
        String status = answer.path("status").asText("Complete");
        if (!"Complete".equals(status)) {
            return new Timed(ms, answer, QueryOutcome.unavailable(String.format(java.util.Locale.ROOT,
                    "status %s after %.1f s", status, ms / 1000)));
        }
        return new Timed(ms, answer, null);
    }
}
