package dev.fnlens.bench.data;

import java.util.Map;
import java.util.TreeMap;

/** What a data set holds: events by kind (START, END, REPORT, APP, ERROR, TIMEOUT) and invocation mix. */
public final class DataSetSummary {
    private final Map<String, Long> eventsByKind = new TreeMap<>();
    private long invocations;
    private long coldStarts;
    private long errors;
    private long timeouts;
    private long batches;
    private long minTimestamp = Long.MAX_VALUE;
    private long maxTimestamp = Long.MIN_VALUE;

    public void add(Invocation inv, Iterable<LambdaEvent> events) {
        invocations++;
        coldStarts += inv.coldStart() ? 1 : 0;
        errors += inv.status() == Invocation.Status.ERROR ? 1 : 0;
        timeouts += inv.status() == Invocation.Status.TIMEOUT ? 1 : 0;
        for (LambdaEvent e : events) {
            eventsByKind.merge(e.kind(), 1L, Long::sum);
            minTimestamp = Math.min(minTimestamp, e.timestamp());
            maxTimestamp = Math.max(maxTimestamp, e.timestamp());
        }
    }

    public void batch() {
        batches++;
    }

    public long events() {
        return eventsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> eventsByKind() {
        return eventsByKind;
    }

    public long invocations() {
        return invocations;
    }

    public long coldStarts() {
        return coldStarts;
    }

    public long errors() {
        return errors;
    }

    public long timeouts() {
        return timeouts;
    }

    public long batches() {
        return batches;
    }

    public long minTimestamp() {
        return minTimestamp;
    }

    public long maxTimestamp() {
        return maxTimestamp;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "%,d events in %,d batches: %s; %,d invocations, %.2f%% cold, %.2f%% errors, %.2f%% timeouts",
                events(), batches, eventsByKind, invocations, 100.0 * coldStarts / invocations,
                100.0 * errors / invocations, 100.0 * timeouts / invocations);
    }
}
