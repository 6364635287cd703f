package dev.fnlens.bench.data;

import java.util.List;
import java.util.Map;

/**
 * One generated invocation: everything both encodings (OTLP for fnlens, bulk JSON for
 * OpenSearch) are made from, so the two systems receive the same events.
 *
 * @param startNanos     span start, epoch nanoseconds (a whole millisecond)
 * @param endNanos       span end, epoch nanoseconds
 * @param durationMs     with two decimals, as REPORT prints it
 * @param initDurationMs with two decimals; meaningful only when {@code coldStart}
 * @param error          the exception of a failed invocation, else null
 * @param appLines       the function's own log lines, 0 to 3
 */
public record Invocation(FunctionProfile function, String logStream, String requestId,
                         long traceIdHigh, long traceIdLow, long spanId,
                         long startNanos, long endNanos, double durationMs, long billedMs, long maxMemoryUsedMb,
                         boolean coldStart, double initDurationMs, Status status, Failure error,
                         List<AppLine> appLines) {

    public enum Status {
        SUCCESS("success"), ERROR("error"), TIMEOUT("timeout");

        public final String attribute;

        Status(String attribute) {
            this.attribute = attribute;
        }
    }

    /** An exception: the printed trace is what the agent sends, the frames what Lambda shows. */
    public record Failure(String type, String message, List<String> frames) {
        public String printed() {
            StringBuilder sb = new StringBuilder(type).append(": ").append(message);
            frames.forEach(f -> sb.append("\n\tat ").append(f));
            return sb.toString();
        }
    }

    /**
     * A line the function wrote. {@code json} holds the fields of a Powertools-style JSON
     * line (whose text is {@code body}), or null for plain text.
     */
    public record AppLine(long timeMillis, String level, String body, Map<String, Object> json) {
    }

    public long startMillis() {
        return startNanos / 1_000_000;
    }

    public long endMillis() {
        return endNanos / 1_000_000;
    }

    /** Lines this invocation becomes: START, END, REPORT, its own lines, error and timeout lines. */
    public int eventCount() {
        return 3 + appLines.size() + (status == Status.SUCCESS ? 0 : 1);
    }
}
