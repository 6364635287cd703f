package dev.fnlens.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.bench.Http;
import java.io.IOException;

/** Runs one question {@code warmup + runs} times, keeping the latencies of the measured runs. */
final class QueryRunner {
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

    private QueryRunner() {
    }

    static QueryOutcome measure(int warmup, int runs, Call call, java.util.function.Function<JsonNode, String> answer)
            throws IOException {
        JsonNode last = null;
        double[] millis = new double[runs];
        for (int i = 0; i < warmup + runs; i++) {
            long t0 = System.nanoTime();
            Http.Response r = call.run();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (!r.ok()) {
                throw new Refused(r.status(), r.text());
            }
            if (i >= warmup) {
                millis[i - warmup] = ms;
            }
            last = r.json();
            String status = last.path("status").asText("Complete");
            if (!"Complete".equals(status)) {
                throw new IOException("query ended with status " + status);
            }
        }
        return new QueryOutcome(new Latencies(millis), answer.apply(last), null);
    }
}
