package dev.fnlens.bench.query;

import java.util.Arrays;

/** Client-side latencies of repeated runs, in milliseconds; percentiles by nearest rank. */
record Latencies(double[] millis) {
    double percentile(double p) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
